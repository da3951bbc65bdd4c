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
from difflib import SequenceMatcher
from pathlib import Path
from zoneinfo import ZoneInfo

from layanan.base.frontmatter import load_yaml
from layanan.base.problems import Problem, display_path
from layanan.content import routes, skm
from layanan.content.model import PROFILE, SURVEI_FIELDS, Survei
from layanan.content.schema import Checker, check_fields

FOLDER = routes.SURVEYS
SCORE = re.compile(r"(\d+)(?:[.,]0+)?")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


@dataclass
class Row:
    """One respondent: the spreadsheet row, each element's score, and the service, kelurahan and profile given."""

    number: int
    scores: dict[str, int] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)


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


def _score(cell: str, scale: dict[str, int]) -> int | str | None:
    """A score, None for an empty cell, or the text when it is neither a score nor a word of ``scale``."""
    value = cell.strip()
    if not value:
        return None
    match = SCORE.fullmatch(value)
    if match and skm.LOWEST <= int(match.group(1)) <= skm.HIGHEST:
        return int(match.group(1))
    return scale.get(skm.folded(value), value)


def _rows_named(numbers: list[int]) -> str:
    """Spreadsheet rows, as staff look them up: "baris 3, 7 dan 12 lainnya"."""
    shown = ", ".join(str(n) for n in numbers[:5])
    return f"baris {shown}" + (f" dan {len(numbers) - 5} lainnya" if len(numbers) > 5 else "")


def _rows(csv_path: Path, survei: Survei, lines: dict[str, int], yaml_shown: str, problems: list[Problem]) -> list[Row]:
    """The respondents' rows; a row's number is the spreadsheet's (the header is row 1), whatever its line breaks."""
    shown = display_path(csv_path)
    columns: dict[str, str] = {getattr(survei.unsur, key): f"unsur.{key}" for key in skm.ELEMENTS}
    if survei.kolom:
        columns |= {
            getattr(survei.kolom, key): f"kolom.{key}"
            for key in ("layanan", "kelurahan", *PROFILE)
            if getattr(survei.kolom, key)
        }
    own = {skm.folded(word): score for word, score in (survei.jawaban or {}).items()}
    scales = {key: skm.words(key) | own for key in skm.ELEMENTS}
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
    rows: list[Row] = []
    unread: dict[tuple[str, str], list[int]] = {}  # (element, the cell's text) -> rows, one message each
    empty: list[int] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        if len(cells) != len(header):
            problems.append(
                Problem(shown, number, "(baris)", f"baris ini punya {len(cells)} kolom, judulnya {len(header)}")
            )
            continue
        row, answered = Row(number), False
        for name, cell in zip(header, cells, strict=True):
            target = columns.get(name)
            if target is None:
                continue
            key = target.partition(".")[2]
            if target.startswith("unsur."):
                score = _score(cell, scales[key])
                answered = answered or score is not None
                if isinstance(score, str):
                    unread.setdefault((key, score), []).append(number)
                elif score is not None:
                    row.scores[key] = score
            elif cell.strip():
                row.about[key] = cell.strip()
        if answered:
            rows.append(row)
        else:
            empty.append(number)
    for (key, value), numbers in unread.items():
        scale = f"{skm.LOWEST}-{skm.HIGHEST}"
        if NUMBER.fullmatch(value):
            message = (
                f"nilai '{value}' bukan {scale} ({_rows_named(numbers)}); "
                f"tulis angka bulat {scale}, atau kosongkan bila tidak dijawab"
            )
        else:
            choices = ", ".join(f"{word} ({score})" for score, word in enumerate(skm.ANSWERS[key], start=skm.LOWEST))
            message = (
                f"jawaban '{value}' tidak dikenal ({_rows_named(numbers)}); tulis angka {scale} atau kata kuesioner: "
                f"{choices}; kata lain diberi nilai di {yaml_shown} bagian 'jawaban:'"
            )
        problems.append(Problem(shown, numbers[0], f"unsur.{key}", message))
    if empty:
        problems.append(
            Problem(
                shown,
                empty[0],
                "(baris)",
                f"{_rows_named(empty)} tidak berisi satu nilai pun; tidak dihitung sebagai responden",
                warning=True,
            )
        )
    return rows


def _fold(name: str) -> str:
    return " ".join(name.split()).lower()


def _closest(value: str, names: dict[str, str]) -> str | None:
    """The known name ``value`` most likely means: close in spelling, or holding all its words."""

    def likeness(name: str) -> float:
        words = set(value.split())
        return max(SequenceMatcher(None, value, name).ratio(), len(words & set(name.split())) / len(words))

    best = max(names, key=likeness, default=None)
    return best if best is not None and likeness(best) >= 0.6 else None


def _resolve(
    rows: list[Row], key: str, titles: dict[str, str], survei: Survei, shown: str, yaml_shown: str
) -> list[Problem]:
    """Replace each row's written service or kelurahan (``key``) by its slug; each unknown name is one error."""
    known = {_fold(slug): slug for slug in titles}
    for slug, title in titles.items():
        known[_fold(title)] = slug
        known.setdefault(_fold(title).removeprefix("kelurahan ").strip(), slug)
    known |= {_fold(name): slug for name, slug in (survei.nama_lain or {}).items() if slug in titles}
    unknown: dict[str, list[int]] = {}
    for row in rows:
        written = row.about.get(key)
        if written is None:
            continue
        if found := known.get(_fold(written)):
            row.about[key] = found
        else:
            unknown.setdefault(written, []).append(row.number)
            del row.about[key]
    problems = []
    for written, numbers in unknown.items():
        guess = _closest(_fold(written), known)
        hint = f"maksud Anda '{titles[known[guess]]}'? " if guess else ""
        slug = known[guess] if guess else f"alamat-{key}-nya"
        problems.append(
            Problem(
                shown,
                numbers[0],
                f"kolom.{key}",
                f"{key} '{written}' tidak dikenal ({_rows_named(numbers)}); {hint}tulis judul {key} atau "
                f"alamatnya (slug), atau petakan di {yaml_shown} bagian 'nama_lain:', misalnya "
                f'"{written}": {slug}',
            )
        )
    return problems


def _groups(rows: list[Row], key: str, minimum: int) -> dict[str, skm.Index | int]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        if slug := row.about.get(key):
            grouped.setdefault(slug, []).append(row)
    result: dict[str, skm.Index | int] = {}
    for slug, members in grouped.items():
        found = skm.index([member.scores for member in members]) if len(members) >= minimum else None
        result[slug] = found if found else len(members)
    return result


def _profile(rows: list[Row], threshold: int) -> dict[str, list[tuple[str, int | None]]]:
    profile = {}
    for key in PROFILE:
        counts: dict[str, int] = {}
        for row in rows:
            if value := row.about.get(key):
                counts[value] = counts.get(value, 0) + 1
        if counts:
            profile[key] = [(name, n if n >= threshold else None) for name, n in sorted(counts.items())]
    return profile


def _unanswered(rows: list[Row], survei: Survei, lines: dict[str, int], yaml_shown: str) -> list[Problem]:
    """An element nobody answered: the index would silently become one of eight elements."""
    return [
        Problem(
            yaml_shown,
            lines.get(f"unsur.{key}", 1),
            f"unsur.{key}",
            f"kolom '{getattr(survei.unsur, key)}' tidak berisi satu jawaban pun; indeks dihitung dari "
            f"{len(skm.ELEMENTS)} unsur, jadi setiap unsur perlu jawaban",
        )
        for key in skm.ELEMENTS
        if not any(key in row.scores for row in rows)
    ]


def _mapped_to_nothing(survei: Survei, slugs: set[str], doc_lines: dict[str, int], shown: str) -> list[Problem]:
    return [
        Problem(
            shown,
            doc_lines.get(f"nama_lain.{name}", 1),
            f"nama_lain.{name}",
            f"'{slug}' bukan alamat (slug) layanan atau kelurahan yang terbit",
        )
        for name, slug in (survei.nama_lain or {}).items()
        if slug not in slugs
    ]


def read(yaml_path: Path, services: dict[str, str], villages: dict[str, str]) -> tuple[Periode | None, list[Problem]]:
    """One period; ``services`` and ``villages`` map each published slug to its title or name."""
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
    csv_shown = display_path(csv_path)
    rows = _rows(csv_path, survei, doc.lines, shown, problems)
    problems += _mapped_to_nothing(survei, set(services) | set(villages), doc.lines, shown)
    problems += _resolve(rows, "layanan", services, survei, csv_shown, shown)
    problems += _resolve(rows, "kelurahan", villages, survei, csv_shown, shown)
    if rows:
        problems += _unanswered(rows, survei, doc.lines, shown)
    else:
        problems.append(Problem(csv_shown, 2, "(baris)", "belum ada jawaban"))
    hasil = skm.index([row.scores for row in rows])
    if hasil is None or any(not p.warning for p in problems):
        return None, problems
    periode = Periode(
        yaml_path.stem,
        survei,
        hasil,
        _groups(rows, "layanan", survei.minimum_responden),
        _groups(rows, "kelurahan", survei.minimum_responden),
        _profile(rows, survei.ambang_sel),
    )
    return periode, problems


def read_all(
    content_path: str | Path, names: list[str], services: dict[str, str], villages: dict[str, str]
) -> tuple[list[Periode], list[Problem]]:
    """The periods of ``names`` (files.scan's, under content/survei/), newest (latest end date) first."""
    periods, problems = [], []
    folder = Path(content_path) / FOLDER
    for name in names:
        if name.endswith(".csv") and name.removesuffix(".csv") + ".yaml" not in names:
            problems.append(
                Problem(
                    display_path(folder / name),
                    1,
                    "(berkas)",
                    f"tidak ada {display_path((folder / name).with_suffix('.yaml'))} yang menjelaskan jawaban ini; "
                    "jawaban ini tidak diterbitkan sampai berkas itu dibuat",
                    warning=True,
                )
            )
    for yaml_path in [folder / name for name in names if name.endswith(".yaml")]:
        periode, found = read(yaml_path, services, villages)
        problems += found
        if periode:
            periods.append(periode)
    return sorted(periods, key=lambda p: (p.survei.selesai, p.slug), reverse=True), problems
