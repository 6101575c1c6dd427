# A ProcessPoolExecutor worker (spawn) puts its result in a shared memory block and is
# killed with SIGKILL, as the OOM killer does, before it can unlink the block: the pool
# breaks, and at exit the resource tracker reports the block nobody unlinked.
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory


def render(page):
    block = shared_memory.SharedMemory(create=True, size=1 << 20)
    if page == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    block.close()
    block.unlink()
    return page * 2


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        print(list(pool.map(render, range(6))))
