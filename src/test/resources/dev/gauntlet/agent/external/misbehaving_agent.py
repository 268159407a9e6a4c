#!/usr/bin/env python3
"""A Gauntlet external agent that breaks the protocol on purpose, for the harness's tests.

    python3 misbehaving_agent.py MODE MARKER

MODE is crash, hang, garbage, wrong-type or silent (never answers the hello). MARKER is any unique
word: it is on this process's command line and on its child's, so a test can look for leftovers.
Every mode starts a child process first, so that killing the whole tree is tested too.
"""

import json
import subprocess
import sys
import time

mode, marker = sys.argv[1], sys.argv[2]
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", marker])


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def receive():
    line = sys.stdin.readline()
    return json.loads(line) if line.strip() else None


if mode == "silent":
    time.sleep(300)
receive()
send({"type": "ready", "name": "misbehaving-" + mode})
step = 0
while receive() is not None:
    step += 1
    if step < 3:
        send({"type": "action", "tool": "read", "arguments": {"path": "plan.md"}})
    elif mode == "crash":
        print("simulated crash at step %d" % step, file=sys.stderr)
        sys.exit(3)
    elif mode == "hang":
        time.sleep(300)
    elif mode == "garbage":
        sys.stdout.write("Traceback (most recent call last): this is not JSON " + "x" * 300 + "\n")
        sys.stdout.flush()
    elif mode == "wrong-type":
        send({"type": "banana", "tool": "read"})
    else:
        send({"type": "finish", "outcome": "success", "message": "done"})
