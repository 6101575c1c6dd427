# A task function closes over a log file opened for writing; cloudpickle (inside joblib's
# loky backend) refuses write-mode files itself.
from joblib import Parallel, delayed


def make_task(log):
    def task(x):
        log.write("row %d\n" % x)
        return x
    return task


def main():
    log = open("run.log", "w")
    print(Parallel(n_jobs=2)(delayed(make_task(log))(i) for i in range(4)))


if __name__ == "__main__":
    main()
