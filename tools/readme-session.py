#!/usr/bin/env python3
"""Prints a guided session of ./pickdoc -i as a terminal shows it, for the README.

Usage: tools/readme-session.py LOG ANSWER...   (run from the top of the repository)
Each ANSWER is typed at the next prompt; 'quit' ends.  A developer's tool: the README's
example session is regenerated with it; tests/pty/readme.t checks the session goes so.
"""
import os
import pty
import re
import select
import sys


def read_until(fd, marks, timeout=10.0):
    out = b""
    while not any(m in out for m in marks):
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


def main():
    log, answers = sys.argv[1], sys.argv[2:]
    env = dict(os.environ, TERM="dumb", NO_COLOR="1", LC_ALL="C.UTF-8", INPUTRC="/dev/null",
               COLUMNS="88")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve("./pickdoc", ["pickdoc", "-i", log], env)
    shown = b""
    for answer in answers + [None]:
        shown += read_until(fd, [b"answer> ", b"pickdoc> "])
        if answer is None:
            break
        os.write(fd, answer.encode() + b"\r")
    os.write(fd, b"quit\r")
    shown += read_until(fd, [b"\x00"], timeout=2.0)
    os.waitpid(pid, 0)
    text = shown.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    sys.stdout.write("$ pickdoc -i %s\n%s" % (log, text))


main()
