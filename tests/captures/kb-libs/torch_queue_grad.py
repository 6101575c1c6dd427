# A tensor that is part of an autograd graph put on a torch.multiprocessing queue: the feeder
# thread refuses it and the consumer waits (killed by timeout).
import torch
import torch.multiprocessing as mp


def consume(q):
    print(q.get(timeout=5))


def main():
    w = torch.ones(3, requires_grad=True)
    q = mp.Queue()
    p = mp.Process(target=consume, args=(q,))
    p.start()
    q.put(w * 2)
    p.join()


if __name__ == "__main__":
    main()
