# Holdout: Pool.imap_unordered with a module-level lambda (lambda).
from __future__ import print_function
import multiprocessing

resize = lambda path: (path, "thumb-" + path)

if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    paths = ["a.jpg", "b.jpg", "c.jpg"]
    print("thumbnailer: %d images queued" % len(paths))
    for src, dst in pool.imap_unordered(resize, paths):
        print(src, "->", dst)
    pool.close()
    pool.join()
