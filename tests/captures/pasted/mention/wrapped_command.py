# A bot framework's way of reporting a command that failed: the original exception's
# class and message quoted inside its own (as discord.py's CommandInvokeError does).
import pickle
import threading


class CommandInvokeError(Exception):
    pass


def save_state():
    return pickle.dumps({"lock": threading.Lock()})


def invoke(command):
    try:
        command()
    except Exception as e:
        raise CommandInvokeError(
            f"Command raised an exception: {e.__class__.__name__}: {e}") from None


invoke(save_state)
