# daemonic-children: a Process(daemon=True) starts a Process of its own.
import multiprocessing


def upload(chunk):
    print("uploading", chunk)


def watcher():
    child = multiprocessing.Process(target=upload, args=(1,))
    child.start()
    child.join()


if __name__ == "__main__":
    w = multiprocessing.Process(target=watcher, daemon=True)
    w.start()
    w.join()
