# What a spawned child prints when its parent closes the pipe before sending anything: the
# child is started exactly as multiprocessing starts it, on a pipe that is already closed.
import os
import subprocess
import sys

r, w = os.pipe()
os.close(w)
subprocess.call([sys.executable, "-c",
                 "from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=%d)" % r,
                 "--multiprocessing-fork"], pass_fds=(r,))
