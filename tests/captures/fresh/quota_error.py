"""A billing worker raises a domain exception whose constructor takes keyword-only arguments.
The worker can pickle it, but the parent rebuilds exceptions as cls(*args), and args holds
only the formatted message."""
import multiprocessing as mp


class QuotaExceeded(Exception):
    def __init__(self, *, tenant, limit):
        super().__init__("tenant %s is over its quota of %d calls" % (tenant, limit))
        self.tenant = tenant
        self.limit = limit


def bill(tenant):
    if tenant == "acme":
        raise QuotaExceeded(tenant=tenant, limit=10000)
    return tenant, 42


def main():
    with mp.Pool(2) as pool:
        pending = pool.map_async(bill, ["globex", "acme", "initech"])
        print(pending.get(timeout=10))


if __name__ == "__main__":
    main()
