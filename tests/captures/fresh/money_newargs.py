"""A Money value type with __getnewargs_ex__ for its keyword-only constructor; the method
returns the kwargs dict alone instead of an (args, kwargs) pair. Amounts are summed in a pool."""
import multiprocessing as mp


class Money:
    def __new__(cls, *, amount, currency):
        self = super().__new__(cls)
        self.amount = amount
        self.currency = currency
        return self

    def __getnewargs_ex__(self):
        return {"amount": self.amount, "currency": self.currency}


def to_cents(m):
    return int(m.amount * 100)


def main():
    wallet = [Money(amount=1.5, currency="EUR"), Money(amount=2.25, currency="EUR")]
    with mp.Pool(2) as pool:
        print(sum(pool.map(to_cents, wallet)))


if __name__ == "__main__":
    main()
