# A notebook cell run twice: the class is defined again, the instance made before is not an
# instance of the new one.
import pickle


class Config:
    pass


config = Config()


class Config:  # the cell run again
    pass


pickle.dumps(config)
