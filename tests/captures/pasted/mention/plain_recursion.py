# Plain recursion without pickling: a look-alike.
def depth(n):
    return depth(n + 1)


depth(0)
