# A producer process sends tensors through a torch.multiprocessing Queue and the consumer
# keeps all of them: with the file_descriptor strategy each received tensor holds an open
# file descriptor in the consumer. The producer waits for the consumer before it exits.
# Run with a limit above 128: the consumer lowers its own to 128.
import resource

import torch
import torch.multiprocessing as mp


def produce(q, n, done):
    for i in range(n):
        q.put(torch.full((4,), float(i)))
    q.put(None)
    done.wait(30)


if __name__ == "__main__":
    q = mp.Queue()
    done = mp.Event()
    p = mp.Process(target=produce, args=(q, 4000, done), daemon=True)
    p.start()
    # the consumer runs under a lower limit than the producer (two shells, a container)
    resource.setrlimit(resource.RLIMIT_NOFILE, (128, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    kept = []
    while True:
        t = q.get()
        if t is None:
            break
        kept.append(t)
    done.set()
    p.join()
    print(len(kept))
