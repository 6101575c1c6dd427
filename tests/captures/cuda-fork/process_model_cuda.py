# A forked multiprocessing.Process moves its model to the GPU, as a training script that
# used the GPU in the parent does. This machine has no GPU, so the parent cannot
# initialise CUDA: the child sets torch's bad-fork flag itself (what torch's fork handler
# does in a child forked after CUDA was initialised), and torch's own _lazy_init raises.
import multiprocessing as mp

import torch


def run_rank(rank):
    torch.cuda._is_in_bad_fork = lambda: True
    model = torch.nn.Linear(4, 2).cuda(rank)
    print(model)


if __name__ == "__main__":
    procs = [mp.Process(target=run_rank, args=(r,)) for r in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("exit codes", [p.exitcode for p in procs])
