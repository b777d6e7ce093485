#!/usr/bin/env python3
"""A batch-protocol implementation (spec/memory.md R246) that answers right, through the
independent model, except on scenarios holding a tick, where it fails in the way asked:

    faulty_batch.py crash    killed by SIGSEGV
    faulty_batch.py hang     sleeps past any deadline
    faulty_batch.py exit     exits with status 3 without answering
    faulty_batch.py flood    prints more than conform's output cap (64 MiB) on one line
    faulty_batch.py noise    prints a line that is not JSON

memspec conform must fail exactly those tests, each with its cause, and judge the rest with a fresh
process (tests/conform/batch_faults_test.py).
"""
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "wrong_impls"))
import openvm_memory  # noqa: E402


def main():
    mode = sys.argv[1]
    for request in sys.stdin.buffer:
        raw = json.loads(request)["scenario"]
        if "tick" in raw:
            if mode == "crash":
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGSEGV)
            elif mode == "hang":
                time.sleep(60)
            elif mode == "exit":
                return 3
            elif mode == "flood":
                chunk = "x" * (1 << 20)
                for _ in range(65):
                    sys.stdout.write(chunk)
                sys.stdout.flush()
                time.sleep(60)
            elif mode == "noise":
                sys.stdout.write("not json\n")
                sys.stdout.flush()
                continue
        line, _ = openvm_memory.answer(raw.encode(), set(), False)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
