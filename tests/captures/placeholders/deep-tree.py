# A script whose file name is no module name (a hyphen): pickling a linked list deeper than
# the recursion limit. "import deep-tree" cannot work, so no command may import it.
import pickle


class Node(object):
    def __init__(self, nxt):
        self.nxt = nxt


def build(n):
    head = None
    for _ in range(n):
        head = Node(head)
    return head


def main():
    pickle.dumps(build(100000))


if __name__ == "__main__":
    main()
