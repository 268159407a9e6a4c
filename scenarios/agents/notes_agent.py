#!/usr/bin/env python3
"""An example external agent for Gauntlet: it writes notes, reads each one back, and indexes them.

It speaks Gauntlet's JSON-lines protocol on stdin and stdout (see ExternalAgents in the Java docs):
one JSON object per line. Standard error is free for logging.

    python3 notes_agent.py [--notes N] [--crash-at STEP]

With N notes (default 25) it takes 2N + 4 steps: a mkdir, N writes, N reads that check what was
written, a list, an index, and a finish that claims success only if every note read back intact.
With --crash-at STEP it starts a helper process (a sleep) one step before, then dies abruptly on
that step's observation: Gauntlet's tests use it to check that a crash fails the run and leaves nothing.
"""

import argparse
import json
import os
import subprocess
import sys


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def receive():
    for line in sys.stdin:
        line = line.strip()
        if line:
            return json.loads(line)
    return None


def note(n):
    return "Note %d: remember item %d.\n" % (n, n)


def plan(count):
    """Yield (action, expected output or None) pairs, in order."""
    yield {"tool": "mkdir", "arguments": {"path": "notes"}}, None
    for n in range(1, count + 1):
        yield {"tool": "write", "arguments": {"path": "notes/note-%d.md" % n, "content": note(n)}}, None
    for n in range(1, count + 1):
        yield {"tool": "read", "arguments": {"path": "notes/note-%d.md" % n}}, note(n)
    yield {"tool": "list", "arguments": {"path": "notes"}}, None
    index = "".join("- note-%d.md\n" % n for n in range(1, count + 1))
    yield {"tool": "write", "arguments": {"path": "index.md", "content": index}}, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=25)
    parser.add_argument("--crash-at", type=int, default=0)
    args = parser.parse_args()

    hello = receive()
    if hello is None or hello.get("type") != "hello":
        print("expected a hello, got %r" % (hello,), file=sys.stderr)
        return 2
    send({"type": "ready", "name": "notes-agent", "protocol": 1})

    steps = plan(args.notes)
    expected = None
    wrong = []
    while True:
        message = receive()
        if message is None or message.get("type") == "bye":
            return 0
        if args.crash_at and message.get("step") == args.crash_at - 1:
            subprocess.Popen(["sleep", "600"])
        if args.crash_at and message.get("step") == args.crash_at:
            print("notes-agent: crashing on purpose at step %d" % args.crash_at, file=sys.stderr)
            sys.stderr.flush()
            os._exit(3)
        previous = message.get("previous")
        if expected is not None:
            if previous is None or previous.get("status") != "ok" or previous.get("output") != expected:
                wrong.append(message["step"] - 1)
            expected = None
        try:
            action, expected = next(steps)
        except StopIteration:
            if wrong:
                send({"type": "finish", "outcome": "failed",
                      "message": "notes read back wrong at steps %s" % wrong})
            else:
                send({"type": "finish", "outcome": "success",
                      "message": "%d notes written, read back and indexed" % args.notes})
            continue
        send(dict(type="action", **action))


if __name__ == "__main__":
    sys.exit(main())
