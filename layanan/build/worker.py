"""One build process kept alive between builds: a save does not pay for Python's start-up and imports again.

The editor's preview (editor/staging.py) sends one JSON line per build and reads one back:
``{"settings", "content", "output", "cwd"}`` -> ``{"built", "problems", "environment"}``. Each build is
the same ``build()`` the command line runs. What a build prints goes to stderr: stdout carries only
the answers. A build that kills the process (memory, a bug) costs that build only: the editor
starts a new process for the next one.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from typing import Any

from layanan.base import cache
from layanan.base.problems import ConfigError, ContentErrors
from layanan.build.output import build


def answer(request: dict[str, str]) -> dict[str, Any]:
    os.chdir(request["cwd"])  # problems name files relative to it, as staff know them (content/...)
    try:
        # Resolved, as the command line resolves it: the same content read by both is the same cache and keys.
        result = build(request["settings"], request["output"], PATH=os.path.realpath(request["content"]))
    except ContentErrors as exc:
        return {"built": False, "problems": [p.record() for p in exc.problems], "environment": []}
    except ConfigError as exc:
        return {"built": False, "problems": [], "environment": [str(exc)]}
    return {"built": True, "problems": [p.record() for p in result.problems], "environment": []}


def main() -> None:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.ERROR, format="%(message)s")  # as the command line: Pelican's notes are noise
    for line in sys.stdin:
        with cache.written_after():  # the save is in the preview first: the read cache waits until then
            answers.write(json.dumps(answer(json.loads(line))) + "\n")
            answers.flush()
        gc.freeze()  # what the site holds now (parsed files, records) is not scanned by every next collection


if __name__ == "__main__":
    main()
