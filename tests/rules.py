"""Content mistakes as the rule tables write them: a valid file changed in one place, and the proof that
check and build both refuse it with its exact ``path:line: key:`` line and keep the last good site."""

from __future__ import annotations

import re

from conftest import VALID_ANNOUNCEMENT, VALID_SERVICE, Project, snapshot

SERVICE = "content/layanan/uji.md"
ANNOUNCEMENT = "content/pengumuman/2026-11-10-uji.md"


def service(old: str = "", new: str = "") -> str:
    assert old in VALID_SERVICE
    return VALID_SERVICE.replace(old, new, 1) if old else VALID_SERVICE


def announcement(old: str = "", new: str = "") -> str:
    assert old in VALID_ANNOUNCEMENT
    return VALID_ANNOUNCEMENT.replace(old, new, 1) if old else VALID_ANNOUNCEMENT


def assert_problem(project: Project, relative: str, text: str | bytes, expected: str) -> str:
    """The mistake fails ``check`` with ``expected``, under the summary line, with no traceback.

    The rule tables run only the check: the build reads content through the same ``load()``, and
    ``assert_refused`` (test_output.py, once per source of problems) proves the build refuses the
    same line and keeps the last good site.
    """
    project.write(relative, text)
    return _refused(project, "check", expected)


def assert_refused(project: Project, relative: str, text: str | bytes, expected: str) -> str:
    """The mistake fails both check and build with ``expected``, and the last good site survives."""
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    good = snapshot(project.dir / "output")
    project.write(relative, text)
    for command in ("check", "build"):
        output = _refused(project, command, expected)
    assert snapshot(project.dir / "output") == good
    return output


def _refused(project: Project, command: str, expected: str) -> str:
    code, output = project.run(command, "--output", "output")
    assert code == 1, output
    assert "Traceback" not in output
    assert any(line.startswith(expected) for line in output.splitlines()), f"{command}: {expected!r} not in:\n{output}"
    assert re.search(r"^\d+ kesalahan, \d+ peringatan$", output, re.M)
    return output
