"""The counter on a year of a busy office: `python benchmarks/loket.py` (also run by `invoke bench`).

The shipped sample content with 1,000 files received a month for 12 months (12,000 status records),
as a repository the real editor serves on 127.0.0.1. Measures, with Debian's Chromium:
- the counter page's button "Terima dan buat tanda terima" until the receipt is on screen (its print
  dialog opens then), median of 5;
- a status button until the page with the resident's WhatsApp text is back, median of 5;
- a build with nothing changed and after one status change; the status publish (publish-status) of
  that change to a local release folder, and what it sent; one status page's size.
Writes benchmarks/LOKET.md.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from layanan.content import receipts
from layanan.editor.counter import month_text
from tests.editorkit import PASSWORD, git, make_repository, start  # the tests' real editor, on 127.0.0.1
from tests.test_publish import fill_placeholders

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work" / "loket"
PER_MONTH, MONTHS, RUNS = 1000, 12, 5
EPOCH = "1795838400"  # 2026-11-28 12:00 WITA, the tests' build clock
NOW = dt.datetime(2026, 11, 28, 11, 0)
SERVICES = sorted(p.stem for p in (ROOT / "content" / "layanan").glob("*.md"))


def year_of_records(content: Path) -> int:
    """1,000 files a month, December 2025 to November 2026, most of them finished and collected."""
    chance = random.Random(25)
    taken: set[str] = set()
    folder = content / "status"
    folder.mkdir(exist_ok=True)
    for month in range(MONTHS):
        year, number = (2025, 12) if month == 0 else (2026, month)
        records = []
        for n in range(PER_MONTH):
            code = receipts.new_code(taken)
            taken.add(code)
            when = dt.datetime(year, number, 1 + n % 27, 8 + n % 7, n % 60)
            steps = [{"status": "diterima", "waktu": when, "oleh": "sari"}]
            for status, note in (("diproses", "Di Disdukcapil"), ("selesai", "Loket 2"), ("diambil", "")):
                if month == MONTHS - 1 and chance.random() < 0.5:
                    break
                when += dt.timedelta(days=chance.randint(0, 5), minutes=chance.randint(1, 300))
                if when >= NOW:
                    break
                steps.append({"status": status, "waktu": when, "oleh": "budi", **({"catatan": note} if note else {})})
            for step in steps:
                step["waktu"] = f"{step['waktu']:%Y-%m-%d %H:%M}"
            records.append({"kode": code, "layanan": chance.choice(SERVICES), "kanal": "loket", "riwayat": steps})
        (folder / f"{year}-{number:02d}.yaml").write_text(month_text(records), encoding="utf-8")
    return len(taken)


def layanan(repo: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PUBLISH_TARGET": str(repo / "server")}
    settings = "publishconf.py" if args[0].startswith("publish") else "pelicanconf.py"
    command = [sys.executable, "-m", "layanan", *args[:1]]
    if args[0] == "status":
        command += args[1:2]
    command += ["--settings", str(ROOT / settings), "--content", "content", *args[1 + (args[0] == "status") :]]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - began, done


def counter_times(base: str) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    received, changed = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.add_init_script("window.print = () => {};")  # the dialog is the browser's; the page is ready here
        page.goto(base + "/masuk")
        page.fill("#pengguna", "sari")
        page.fill("#sandi", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/admin/")
        for _ in range(RUNS):
            page.goto(base + "/loket")
            page.select_option("#layanan", SERVICES[0])
            began = time.perf_counter()
            page.get_by_role("button", name="Terima dan buat tanda terima").click()
            page.locator(".tanda-terima").wait_for()
            received.append(time.perf_counter() - began)
            page.goto(page.url.split("/cetak")[0])
            began = time.perf_counter()
            page.get_by_role("button", name="Simpan: Sedang diproses").click()
            page.locator("#pesan").wait_for()
            page.wait_for_url("**?disimpan=status")
            changed.append(time.perf_counter() - began)
        browser.close()
    return received, changed


def main() -> None:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the editor's build clock too: the records end on this day
    shutil.rmtree(WORK, ignore_errors=True)
    content = WORK / "konten"
    shutil.copytree(ROOT / "content", content)
    count = year_of_records(content)
    size = sum(p.stat().st_size for p in (content / "status").glob("*.yaml"))
    repo = make_repository(WORK / "situs", content)
    editor = start(repo)
    try:
        while len(list((repo / ".editor").glob(".pratinjau.situs-*"))) < 2:  # the start's two preview builds
            time.sleep(1)
        received, changed = counter_times(editor.base)
    finally:
        editor.stop()

    fill_placeholders(repo / "content")  # what the office does before it publishes
    git(repo, "-c", "user.name=Petugas", "-c", "user.email=petugas@example.org", "commit", "-qam", "Isian dilengkapi")
    (repo / "server" / "releases").mkdir(parents=True)
    cold, _ = layanan(repo, "build", "-o", "output")
    again, _ = layanan(repo, "build", "-o", "output")
    code = layanan(repo, "status", "terima", "--layanan", SERVICES[0], "--kanal", "loket", "--oleh", "sari")[1].stdout
    code = code.strip()
    after_receipt, _ = layanan(repo, "build", "-o", "output")
    step, _ = layanan(repo, "status", "ubah", code, "diproses", "--oleh", "sari")
    after, _ = layanan(repo, "build", "-o", "output")
    page = repo / "output" / "status" / code / "index.html"
    shown = len(list((repo / "output" / "status").glob("*-*/index.html")))
    first, _ = layanan(repo, "publish")
    layanan(repo, "status", "ubah", code, "selesai", "--catatan", "Loket 2", "--oleh", "sari")
    status_publish, _ = layanan(repo, "publish-status")  # builds the copy's output folder for the first time
    layanan(repo, "status", "ubah", code, "diambil", "--oleh", "sari")
    next_publish, next_done = layanan(repo, "publish-status")  # what each 5-minute run does from then on
    sent = re.search(r"Dikirim (\d+) berkas, (\d+) dari (\d+) bita", next_done.stdout)
    assert sent, next_done.stdout

    def runs(values: list[float]) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    report = "\n".join(
        [
            "# The counter on a year of a busy office",
            "",
            f"`python benchmarks/loket.py`, {time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()},"
            f" {os.cpu_count()} cores, Python {platform.python_version()}. The sample content with {count:,} status"
            f" records ({PER_MONTH:,} a month for {MONTHS} months, {size / 1e6:.1f} MB of YAML).",
            "",
            "| what | median | runs |",
            "|---|---|---|",
            f"| press Terima on /loket until the receipt is on screen (its print dialog opens) | "
            f"{statistics.median(received):.2f} s | {runs(received)} |",
            f"| press a status button until the WhatsApp text for the resident is back | "
            f"{statistics.median(changed):.2f} s | {runs(changed)} |",
            f"| `python -m layanan status ubah` (a new process) | {step:.2f} s | 1 |",
            f"| `build`, a new process each: first / nothing changed / after one file received / after a status change"
            " | "
            f"{cold:.2f} / {again:.2f} / {after_receipt:.2f} / {after:.2f} s | 1 each |",
            f"| first full publish (PDFs, search, compression) to a local release folder | {first:.2f} s | 1 |",
            f"| `publish-status` after a status change, the first after a full publish | {status_publish:.2f} s | 1 |",
            f"| `publish-status` after the next status change (each 5-minute run from then on) | {next_publish:.2f} s,"
            f" sent {sent.group(1)} files, {int(sent.group(2)):,} of {int(sent.group(3)):,} bytes | 1 |",
            f"| status pages published (30 days after the end of a file's story) | {shown:,} | |",
            f"| one status page: HTML / gzip | {page.stat().st_size:,} / {len(gzip.compress(page.read_bytes(), 9)):,}"
            " bytes | |",
            "",
            "A status change reaches the resident's page at the next run of the timer (every 5 minutes) plus",
            "the status publish above: at most 5 minutes and that many seconds.",
            "",
        ]
    )
    (ROOT / "benchmarks" / "LOKET.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
