class Handler:
    pass


handlers = {"csv": Handler()}
handlers["csv"]("row")
