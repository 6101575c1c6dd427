class Config:
    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        return self._values[name]


cfg = Config({"host": "db1"})
print(cfg.port)
