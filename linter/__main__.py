"""``python -m linter``: the healthlint command line, leaving without interpreter teardown.

Tearing down an interpreter that has spaCy loaded costs 0.05-0.2 s; once the output is flushed there is
nothing left to clean up (the result cache writes atomically), so :func:`run` ends with ``os._exit``.

spaCy imports numpy, whose OpenBLAS starts a thread per core on import (about 0.1 s of CPU on another core, and
again around each fork); linting never multiplies matrices, so the command line asks for one BLAS thread
unless the environment says otherwise.
"""

from __future__ import annotations

import gc
import os
import sys


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run() -> None:
    """Run the CLI, flush stdout and stderr, then ``os._exit`` with the CLI's status.

    The cyclic garbage collector is off until a batch turns it back on (``parallel.tune_gc``): importing spaCy
    and building the pipeline allocate hundreds of thousands of long-lived objects that every collection
    would rescan (30-60 ms of a cold run), and linting one input leaves little cyclic garbage."""
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from .cli import main

    try:
        main()
        status = 0
    except SystemExit as e:
        status = _status(e.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    run()
