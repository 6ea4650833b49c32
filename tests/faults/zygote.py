"""Forks a killed run for each request, having imported the flows once: `python -m tests.faults.zygote`.

Each line read on stdin is the path of a victim's configuration (`victim.py`); each line written on stdout is how
that run ended (-9: killed where asked). Importing Prefect and the flows costs three seconds a process; a fork of a
process that has done it, a few milliseconds. The zygote never runs a flow itself, so it forks with one thread.
"""

import os
import sys
import traceback

from tests.faults import victim


def main() -> None:
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:  # the victim: what it prints goes to stderr, stdout is the zygote's answers
            os.dup2(2, 1)
            code = 0
            try:
                victim.main(line.strip())
            except BaseException:  # noqa: B036 — reported to the test through the exit code and stderr
                traceback.print_exc()
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    main()
