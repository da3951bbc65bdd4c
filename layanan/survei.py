"""Survey periods: ``content/survei/<periode>.yaml`` (how it was run) and ``<periode>.csv`` (the answers).

The CSV is what Google Forms or a spreadsheet exports: one row per respondent, a
column per element scored 1-4, optional columns for the service, the kelurahan
and who answered. Both separators (``,`` and an Indonesian Excel's ``;``), a
byte-order mark and decimal commas ("3,0") are read; every other mistake is a
content error naming the row and the column. Only aggregates leave this module:
no answer, no free text, and no profile count under the file's threshold.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from layanan import routes, skm
from layanan.frontmatter import load_yaml
from layanan.model import PROFILE, SURVEI_FIELDS, Survei
from layanan.problems import Problem, display_path
from layanan.schema import Checker, check_fields

FOLDER = routes.SURVEYS
SCORE = re.compile(r"(\d+)(?:[.,]0+)?")


@dataclass
class Periode:
    """One period's published result."""

    slug: str  # the files' name: 2026, 2026-semester-2 ...
    survei: Survei
    hasil: skm.Index
    layanan: dict[str, skm.Index | int] = field(default_factory=dict)  # slug -> index, or answers when too few
    kelurahan: dict[str, skm.Index | int] = field(default_factory=dict)
    profil: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)  # None: under the threshold


def _choose_delimiter(text: str, wanted: set[str]) -> str:
    """The separator under which the header row holds most of the columns the YAML names."""

    def matches(delimiter: str) -> int:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        return len({cell.strip() for cell in header} & wanted)

    return max((",", ";"), key=matches)


def _decode(data: bytes) -> str:
    """UTF-8 (its byte-order mark dropped), else the Windows code page an Indonesian Excel saves in."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _score(cell: str) -> int | str | None:
    """A score, None for an empty cell, or the text when it is no score."""
    value = cell.strip()
    if not value:
        return None
    match = SCORE.fullmatch(value)
    if match and skm.LOWEST <= int(match.group(1)) <= skm.HIGHEST:
        return int(match.group(1))
    return value


def _rows(
    csv_path: Path, survei: Survei, lines: dict[str, int], yaml_shown: str, problems: list[Problem]
) -> list[dict[str, str | int | None]]:
    shown = display_path(csv_path)
    columns: dict[str, str] = {getattr(survei.unsur, key): f"unsur.{key}" for key in skm.ELEMENTS}
    if survei.kolom:
        columns |= {
            getattr(survei.kolom, key): f"kolom.{key}"
            for key in ("layanan", "kelurahan", *PROFILE)
            if getattr(survei.kolom, key)
        }
    text = _decode(csv_path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_choose_delimiter(text, set(columns)))
    header = [cell.strip() for cell in next(reader, [])]
    for name, key in columns.items():
        if name not in header:
            problems.append(Problem(yaml_shown, lines.get(key, 1), key, f"kolom '{name}' tidak ada di {shown}"))
    for position, name in enumerate(header, start=1):
        if name not in columns and name not in survei.abaikan:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"kolom {position}",
                    f"judul kolom '{name}' tidak dikenal; tulis di 'unsur' atau "
                    f"'kolom' {yaml_shown}, atau di 'abaikan' bila tidak dipakai",
                )
            )
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        if len(cells) != len(header):
            problems.append(
                Problem(shown, line, "(baris)", f"baris ini punya {len(cells)} kolom, judulnya {len(header)}")
            )
            continue
        row: dict[str, str | int | None] = {}
        for name, cell in zip(header, cells, strict=True):
            target = columns.get(name)
            if target is None:
                continue
            if target.startswith("unsur."):
                score = _score(cell)
                if isinstance(score, str):
                    problems.append(
                        Problem(
                            shown,
                            line,
                            target,
                            f"nilai '{score}' bukan {skm.LOWEST}-{skm.HIGHEST}; "
                            "tulis angka bulat 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab",
                        )
                    )
                row[target.removeprefix("unsur.")] = score
            else:
                row[target.removeprefix("kolom.")] = cell.strip() or None
        rows.append(row)
    return rows


def _lookup(names: dict[str, str], value: str | int | None) -> str | None:
    return names.get(str(value).strip().lower()) if value is not None else None


def _groups(
    rows: list[dict[str, str | int | None]], key: str, names: dict[str, str], minimum: int
) -> dict[str, skm.Index | int]:
    grouped: dict[str, list[dict[str, str | int | None]]] = {}
    for row in rows:
        slug = _lookup(names, row.get(key))
        if slug:
            grouped.setdefault(slug, []).append(row)
    result: dict[str, skm.Index | int] = {}
    for slug, members in grouped.items():
        found = skm.index(members) if len(members) >= minimum else None
        result[slug] = found if found else len(members)
    return result


def _profile(rows: list[dict[str, str | int | None]], threshold: int) -> dict[str, list[tuple[str, int | None]]]:
    profile = {}
    for key in PROFILE:
        counts: dict[str, int] = {}
        for row in rows:
            value = row.get(key)
            if isinstance(value, str):
                counts[value] = counts.get(value, 0) + 1
        if counts:
            profile[key] = [(name, n if n >= threshold else None) for name, n in sorted(counts.items())]
    return profile


def read(yaml_path: Path, services: dict[str, str], villages: dict[str, str]) -> tuple[Periode | None, list[Problem]]:
    """One period; ``services`` and ``villages`` map a lower-cased title or slug to the slug."""
    shown = display_path(yaml_path)
    doc, problems = load_yaml(yaml_path.read_text(encoding="utf-8"), shown)
    if doc is None:
        return None, problems
    checker = Checker(shown, doc, ZoneInfo("UTC"), problems)
    values = check_fields(checker, "", doc.data, SURVEI_FIELDS)
    csv_path = yaml_path.with_suffix(".csv")
    if not csv_path.is_file():
        problems.append(Problem(shown, 1, "(berkas)", f"jawaban survei {display_path(csv_path)} tidak ada"))
    if any(not p.warning for p in problems):
        return None, problems
    survei = Survei(**values)
    before = len(problems)
    rows = _rows(csv_path, survei, doc.lines, shown, problems)
    hasil = skm.index(rows)
    if len(problems) > before:
        return None, problems
    if hasil is None:
        return None, [*problems, Problem(display_path(csv_path), 2, "(baris)", "belum ada jawaban")]
    periode = Periode(
        yaml_path.stem,
        survei,
        hasil,
        _groups(rows, "layanan", services, survei.minimum_responden),
        _groups(rows, "kelurahan", villages, survei.minimum_responden),
        _profile(rows, survei.ambang_sel),
    )
    return periode, problems


def read_all(
    content_path: str | Path, names: list[str], services: dict[str, str], villages: dict[str, str]
) -> tuple[list[Periode], list[Problem]]:
    """The periods of ``names`` (files.scan's, under content/survei/), newest (latest end date) first."""
    periods, problems = [], []
    for yaml_path in [Path(content_path) / FOLDER / name for name in names if name.endswith(".yaml")]:
        periode, found = read(yaml_path, services, villages)
        problems += found
        if periode:
            periods.append(periode)
    return sorted(periods, key=lambda p: (p.survei.selesai, p.slug), reverse=True), problems
