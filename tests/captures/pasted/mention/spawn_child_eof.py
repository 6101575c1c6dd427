# A spawned child whose parent wrote nothing into its pipe (the parent died or failed to
# pickle the process object, as on Windows where the child starts first): the child runs
# multiprocessing's own spawn_main on an empty pipe, as the spawn start method starts it,
# and prints "EOFError: Ran out of input" from `reduction.pickle.load(from_parent)`.
import os
import subprocess
import sys

r, w = os.pipe()
os.close(w)
cmd = "from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=%d)" % r
# spawn_main checks that it was started the way spawn starts a child
args = [sys.executable, "-c", cmd, "--multiprocessing-fork"]
subprocess.run(args, pass_fds=(r,))
