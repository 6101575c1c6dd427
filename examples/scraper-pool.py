# A small web scraper like the one in the seed incident: the first batch goes through a
# module-level function; the second batch hands the pool a parser defined inside scrape_page(),
# so every task fails to pickle: Can't pickle local object 'scrape_page.<locals>.parse'.
# No network: the "pages" are canned HTML strings.
import atexit
import logging
import multiprocessing
import re

logging.basicConfig(format="%(asctime)s %(levelname)s %(processName)s %(name)s: %(message)s",
                    level=logging.INFO)
log = logging.getLogger("scraper")

PAGES = {
    "https://shop.example/p/%d" % i: "<html><h1>Item %d</h1><span class=price>%d.99</span></html>" % (i, i)
    for i in range(1, 9)
}
TITLE = re.compile(r"<h1>(.*?)</h1>")


def fetch_title(url):
    return url, TITLE.search(PAGES[url]).group(1)


def scrape_page(pool, urls, currency):
    price = re.compile(r"class=price>([\d.]+)<")

    def parse(url):
        return url, float(price.search(PAGES[url]).group(1)), currency

    log.info("parsing %d pages for prices", len(urls))
    return pool.map(parse, urls)


def main():
    urls = sorted(PAGES)
    log.info("starting scraper with %d workers for %d urls", 4, len(urls))
    with multiprocessing.Pool(4) as pool:
        titles = pool.map(fetch_title, urls[:4])
        log.info("batch 1 done: %d titles", len(titles))
        prices = scrape_page(pool, urls, "EUR")
        log.info("batch 2 done: %d prices", len(prices))


if __name__ == "__main__":
    atexit.register(log.info, "scraper process exiting")
    main()
