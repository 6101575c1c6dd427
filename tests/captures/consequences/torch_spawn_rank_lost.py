# torch.multiprocessing.spawn: rank 1 sends its shard to rank 0 over a pipe and is killed
# with SIGKILL, as the OOM killer does, before it sends: rank 0's read of the pipe fails
# (it logs that), and the parent, which checks on its ranks every second, reports rank 1's
# death.
import logging
import os
import signal
import time

import torch.multiprocessing as mp


def train(rank, reader, writer):
    if rank == 1:
        reader.close()
        time.sleep(3)
        os.kill(os.getpid(), signal.SIGKILL)
    writer.close()
    try:
        shard = reader.recv()
    except EOFError:
        logging.exception("rank 0: no shard from rank 1")
        time.sleep(2)
        raise
    print(len(shard))


if __name__ == "__main__":
    reader, writer = mp.get_context("spawn").Pipe(duplex=False)
    ctx = mp.spawn(train, args=(reader, writer), nprocs=2, join=False)
    reader.close()
    writer.close()
    while not ctx.join(timeout=0):
        time.sleep(1)  # the parent watches the ranks between its own work
