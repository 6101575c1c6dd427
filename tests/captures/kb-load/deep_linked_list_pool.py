# A long linked list of Node objects sent to a pool: pickling recurses once per node.
import multiprocessing


class Node(object):
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def length(node):
    n = 0
    while node is not None:
        n, node = n + 1, node.next
    return n


def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head


if __name__ == "__main__":
    chain = build(50000)
    with multiprocessing.Pool(2) as pool:
        print(pool.map(length, [chain]))
