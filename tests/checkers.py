"""Outside tools reading the built site as its users' tools do: axe-core and Chromium's print for pages,
the Nu HTML Checker for markup, feedparser for feeds."""

from __future__ import annotations

import io
import re
import subprocess

import feedparser
import pdfplumber

from conftest import AXE, ROOT, Built

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
A4 = (595, 842)  # points


def axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)


def summary(violations: list[dict]) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


def assert_pages_pass_axe(tab, base: str, urls: list[str], width: int) -> None:
    """Each page, opened in ``tab``: axe finds nothing (and did run its checks), and nothing is wider than the
    viewport."""
    for url in urls:
        tab.goto(base + url)
        result = axe(tab)
        assert len(result["passes"]) >= 5, url
        assert result["violations"] == [], (url, summary(result["violations"]))
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, url


def nu_errors(*sites: Built) -> str:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", *(str(s.root) + "/" for s in sites)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stderr if result.returncode else ""


def parse(built: Built, url: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(built.path(url).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def printed(page, url: str) -> pdfplumber.PDF:
    page.goto(url)
    page.emulate_media(media="print")
    return pdfplumber.open(io.BytesIO(page.pdf(format="A4", print_background=True)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)
