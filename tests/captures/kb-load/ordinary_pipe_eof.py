# Not a pickle file: the other end of a multiprocessing pipe was closed.
import multiprocessing

reader, writer = multiprocessing.Pipe(duplex=False)
writer.close()
print(reader.recv())
