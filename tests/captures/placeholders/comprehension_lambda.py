# A lambda made inside a comprehension inside main(), handed to a process pool. On 3.6-3.11
# its qualname is main.<locals>.<listcomp>.<lambda> (3.12+ inlines list, dict and set
# comprehensions: main.<locals>.<lambda>; a generator expression keeps <genexpr>); Python 2
# prints no qualname at all. Usage: python comprehension_lambda.py listcomp|genexpr|dictcomp|setcomp
import multiprocessing
import sys


def main(kind):
    if kind == "listcomp":
        scalers = [lambda x, k=k: x * k for k in range(3)]
    elif kind == "genexpr":
        scalers = list(lambda x, k=k: x * k for k in range(3))
    elif kind == "dictcomp":
        scalers = list({k: lambda x, k=k: x * k for k in range(3)}.values())
    else:
        scalers = list({lambda x, k=k: x * k for k in range(3)})
    pool = multiprocessing.Pool(2)
    try:
        print(pool.map(scalers[0], [1, 2, 3]))
    finally:
        pool.terminate()


if __name__ == "__main__":
    main(sys.argv[1])
