# Another program, run later into the same log: one of its workers is killed (SIGKILL, as
# the OOM killer would), and the pool gives up.
import logging
import os
import signal
from concurrent.futures import ProcessPoolExecutor

logging.basicConfig(format='%(asctime)s %(levelname)s %(name)s: %(message)s',
                    level=logging.INFO)
log = logging.getLogger('resize')


def resize(n):
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 2


if __name__ == '__main__':
    try:
        with ProcessPoolExecutor(2) as pool:
            print(list(pool.map(resize, range(6))))
    except Exception:
        log.exception('resize failed')
