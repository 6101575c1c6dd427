# A nightly export: hands a lock to a process pool, which cannot pickle it; the error is
# logged with its time, as a service's log keeps it.
import logging
import threading
from concurrent.futures import ProcessPoolExecutor

logging.basicConfig(format='%(asctime)s %(levelname)s %(name)s: %(message)s',
                    level=logging.INFO)
log = logging.getLogger('export')


def export(rows, lock):
    with lock:
        return len(rows)


if __name__ == '__main__':
    lock = threading.Lock()
    try:
        with ProcessPoolExecutor(2) as pool:
            print(pool.submit(export, [1, 2, 3], lock).result())
    except Exception:
        log.exception('export failed')
