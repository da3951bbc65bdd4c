"""Lighthouse (mobile) on the home page and a service page: `python benchmarks/lighthouse.py`.

Builds the sample site as production does (publishconf.py, search index), with
SITEURL set to the local server so canonical links point at the page measured,
serves it on 127.0.0.1 and prints the four category scores per page.
Targets: performance >= 95, accessibility 100, best practices >= 95, SEO >= 95.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layanan.tools.serve import make_server  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
PAGES = ["/", "/layanan/ktp-el-baru/"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SITEURL": base, "CHROME_PATH": "/usr/bin/chromium"}
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        subprocess.run(
            [sys.executable, "-m", "layanan", "build", "-s", "publishconf.py", "-o", str(output)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        server = make_server(str(output), port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for page in PAGES:
                report = Path(tmp) / "lighthouse.json"
                subprocess.run(
                    [
                        "npx",
                        "--yes",
                        LIGHTHOUSE,
                        base + page,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        f"--chrome-flags={CHROME_FLAGS}",
                    ],
                    cwd=ROOT,
                    env=env,
                    check=True,
                )
                categories = json.loads(report.read_text())["categories"]
                scores = {name: round(category["score"] * 100) for name, category in categories.items()}
                misses = [name for name, floor in TARGETS.items() if scores[name] < floor]
                failed |= bool(misses)
                shown = ", ".join(f"{name} {score}" for name, score in scores.items())
                print(f"{page}: {shown}" + (f"  BELOW TARGET: {', '.join(misses)}" if misses else ""))
        finally:
            server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
