# Run under torchrun (python -m torch.distributed.run --nproc_per_node=2): rank 1 fails,
# either with an uncaught error (EXIT1: exit code 1) or killed with SIGKILL (KILL), as the
# OOM killer does. The way is the first argument.
import os
import signal
import sys


def main():
    rank = int(os.environ["LOCAL_RANK"])
    if rank == 1:
        if sys.argv[1] == "KILL":
            os.kill(os.getpid(), signal.SIGKILL)
        raise RuntimeError("checkpoint directory is not writable")


if __name__ == "__main__":
    main()
