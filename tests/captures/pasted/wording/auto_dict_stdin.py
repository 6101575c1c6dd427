# auto_dict.py's pickling typed into an interactive interpreter (its input a pipe): the
# frame is "<stdin>", line 1, and no source line is printed.
import subprocess
import sys

code = b'''import pickle
class AutoDict(dict):
    def __getattr__(self, name):
        if name not in self:
            self[name] = AutoDict()
        return self[name]

pickle.dumps(AutoDict({'a': 3}))
'''
sys.stdout.write(subprocess.run([sys.executable, "-q", "-i"], input=code, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT).stdout.decode())
