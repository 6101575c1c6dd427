# Two processes joined by a pipe: the reader is killed with SIGKILL, as the OOM killer
# does, and the writer's next send fails: nobody holds the reading end any more (spawn,
# so that the writer does not inherit a copy of it).
import multiprocessing
import os
import signal
import time


def read_rows(conn):
    conn.recv()
    os.kill(os.getpid(), signal.SIGKILL)


def write_rows(conn):
    for n in range(5):
        conn.send(list(range(1000)))
        time.sleep(0.5)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    consumer = ctx.Process(target=read_rows, args=(reader,))
    producer = ctx.Process(target=write_rows, args=(writer,))
    consumer.start()
    producer.start()
    reader.close()
    writer.close()
    producer.join()
    consumer.join()
