"""Feature scaling with a scale factor captured in a closure, submitted to a
ProcessPoolExecutor that uses the spawn start method (as on macOS and Windows)."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def make_scaler(factor):
    def scale(values):
        return [v * factor for v in values]
    return scale


def main():
    scale = make_scaler(0.5)
    batches = [[1, 2, 3], [4, 5, 6]]
    with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(scale, batch) for batch in batches]
        for fut in futures:
            print(fut.result())


if __name__ == "__main__":
    main()
