# Messy fixture: a scraper pool of 8 processes works through 60 pages; every task builds a
# nested parser and checkpoints it with pickle, which fails, and the worker logs the failure
# with logging.exception(). The same traceback is printed 60 times by different workers,
# interleaved with their chatter lines.
import logging
import multiprocessing
import pickle
import time

logging.basicConfig(format="%(asctime)s %(levelname)s [%(processName)s] %(message)s",
                    level=logging.INFO)
log = logging.getLogger("scraper")


def scrape_page(n):
    def parse(html):
        return html.count("<a ")

    log.info("fetched page %d", n)
    time.sleep(0.05)  # the download; spreads the pages over all workers
    try:
        pickle.dumps(parse)
    except Exception:
        log.exception("page %d: could not checkpoint parser", n)
    return n


if __name__ == "__main__":
    log.info("pool of 8 workers, 60 pages")
    pool = multiprocessing.Pool(8)
    done = pool.map(scrape_page, range(60), chunksize=1)
    pool.close()
    pool.join()
    log.info("finished %d pages", len(done))
