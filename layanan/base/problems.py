"""Content problems: what staff read when something in content/ is wrong."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# What kind of mistake a problem is, for programs (the editor, `check --format json`); staff read the message.
CODES = ("yaml", "berkas", "isi", "wajib", "kunci-tidak-dikenal", "rujukan", "nilai", "isian")
_CODE_OF_KEY = {"(yaml)": "yaml", "(bagian data)": "yaml", "(berkas)": "berkas", "(isi)": "isi"}


@dataclass(frozen=True, order=True)
class Problem:
    """One line of DESIGN.md's error format: ``path:line: key: message``, and what kind it is (``code``)."""

    path: str
    line: int
    key: str
    message: str
    warning: bool = False
    code: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", _CODE_OF_KEY.get(self.key, "nilai"))

    @property
    def severity(self) -> str:
        return "peringatan" if self.warning else "kesalahan"

    def record(self) -> dict[str, object]:
        """The problem as data: what ``check --format json`` prints, one JSON object per line."""
        return {"path": self.path, "line": self.line, "key": self.key, "message": self.message,
                "severity": self.severity, "code": self.code}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict[str, object]) -> Problem:
        return cls(str(record["path"]), int(str(record["line"])), str(record["key"]), str(record["message"]),
                   record.get("severity") == "peringatan", str(record.get("code") or ""))  # fmt: skip

    def __str__(self) -> str:
        prefix = "peringatan: " if self.warning else ""
        return f"{self.path}:{self.line}: {visible(self.key)}: {prefix}{visible(self.message)}"


def visible(text: str) -> str:
    """Control characters typed by mistake are shown as codes, never sent to the terminal as-is."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as staff see it: relative to where they run the command (content/...)."""
    relative = os.path.relpath(path)
    return os.fspath(path) if relative.startswith("..") else relative


class ConfigError(Exception):
    """A problem outside content/ (settings, theme, plugin, environment, the machine): exit status 2."""


class ContentErrors(Exception):
    """Raised by the build when content has errors; carries every problem."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(report(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def summary(problems: list[Problem]) -> str:
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    return f"{n_err} kesalahan, {n_warn} peringatan"


def report(problems: list[Problem]) -> str:
    """Every problem on its own line, sorted by file and line, then the count."""
    lines = [str(p) for p in sorted(set(problems))]
    lines.append(summary(problems))
    return "\n".join(lines)
