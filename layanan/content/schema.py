"""How content fields are declared and checked: validators, and the ``spec`` that declares a field.

The kinds of file themselves are declared in model.py. Each field has a
validator that turns the YAML value into a typed value or records a problem in Bahasa Indonesia,
with the fix where staff can make one (YAML 1.1 reads ``50.000`` as 50.0 and
``8:00`` as 480, so messages quote what was typed and say how to write it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, overload
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from layanan.base.frontmatter import Document
from layanan.base.problems import Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A host name of dotted labels (punycode included) or an IPv4 address, with an optional port.
HOST_RE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59}|\d{1,3})(?::\d{1,5})?"
)
# What RFC 3986 never allows unescaped in a URL, and what would end an HTML attribute.
URL_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")
WHATSAPP_RE = re.compile(r"62\d{7,13}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$")
PLACEHOLDER = "[ISI:"
SPEC = "layanan.field"  # where a dataclass field keeps its Field
KANAL = ("whatsapp", "loket", "daring")


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
T = TypeVar("T")


def is_placeholder(value: object) -> bool:
    """A value staff still have to fill in: it holds ``[ISI: ...]``."""
    return isinstance(value, str) and PLACEHOLDER in value


def known(value: str | None) -> str | None:
    """The value, or None while staff have not filled it in: never published as a fact."""
    return None if is_placeholder(value) else value


@dataclass
class Checker:
    """Collects the problems of one file while its fields are checked."""

    path: str
    doc: Document
    tz: ZoneInfo
    problems: list[Problem] = field(default_factory=list)

    def line(self, key: str) -> int:
        while key:
            if key in self.doc.lines:
                return self.doc.lines[key]
            key = key.rpartition(".")[0]
        return 1

    def error(self, key: str, message: str, code: str = "") -> Any:
        self.problems.append(Problem(self.path, self.line(key), key, message, code=code))
        return INVALID

    def warn(self, key: str, message: str) -> None:
        self.warn_at(self.line(key), key, message)

    def warn_at(self, line: int, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, key, message, warning=True))

    def raw(self, key: str, value: Any) -> str:
        return self.doc.raw.get(key, str(value))


# --- what a validator accepts ---------------------------------------------------------
# Each validator carries one of these shapes: the editor's forms, the open data's JSON Schema
# and a refused save's field labels are made from them, each matching every shape (mypy checks
# that none is left out).


@dataclass(frozen=True)
class Text:
    limit: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Choice:
    choices: tuple[str, ...]


PlainKind = Literal["boolean", "integer", "number", "amount", "date", "datetime", "url", "file", "image"]


@dataclass(frozen=True)
class Plain:
    """A value of one kind, with nothing more to say about it."""

    kind: PlainKind


@dataclass(frozen=True, eq=False)
class ListOf:
    item: Validator[Any]
    minimum: int = 0


@dataclass(frozen=True, eq=False)
class Relation:
    """Slugs of another kind of file (``collection``), each checked by ``item``."""

    item: Validator[Any]
    collection: str


@dataclass(frozen=True, eq=False)
class Mapping:
    fields: dict[str, Field[Any]]


@dataclass(frozen=True, eq=False)
class TextOr:
    """Plain text, which fills ``main``, or the whole mapping."""

    fields: dict[str, Field[Any]]
    main: str


@dataclass(frozen=True, eq=False)
class Named:
    """A mapping whose keys are names staff choose, each value checked by ``value``."""

    value: Validator[Any]


@dataclass(frozen=True, eq=False)
class Requirement:
    """A document, or any one of two or more (``alternatives``)."""

    document: dict[str, Field[Any]]
    alternatives: dict[str, Field[Any]]


Shape = Text | Choice | Plain | ListOf | Relation | Mapping | TextOr | Named | Requirement


@dataclass(frozen=True, eq=False)
class Validator(Generic[T]):
    """A field's check (the typed value, or INVALID with a problem recorded) and the shape of what it accepts."""

    check: Callable[[Checker, str, Any], T]
    shape: Shape

    def __call__(self, c: Checker, key: str, value: Any) -> T:
        return self.check(c, key, value)


def validator(shape: Shape) -> Callable[[Callable[[Checker, str, Any], T]], Validator[T]]:
    """Make a check function a validator of ``shape``."""
    return lambda check: Validator(check, shape)


@dataclass(frozen=True, eq=False)
class Field(Generic[T]):
    """One key of a file: its check, whether it must be there, and what staff see in the editor."""

    validator: Validator[T]
    required: bool = False
    default: T | None = None
    label: str = ""
    hint: str = ""


# --- scalar validators ------------------------------------------------------


def _quote_hint(c: Checker, key: str, value: Any) -> str:
    raw = c.raw(key, value)
    name = key.rsplit(".", 1)[-1]
    if isinstance(value, bool):
        return f"'{raw}' dibaca sebagai ya/tidak, bukan teks; tulis dalam tanda kutip: {name}: \"{raw}\""
    return f"'{raw}' dibaca sebagai angka {value!r}, bukan teks; tulis dalam tanda kutip: {name}: \"{raw}\""


@validator(Text())
def text(c: Checker, key: str, value: Any) -> str:
    if isinstance(value, str):
        if not value.strip():
            return c.error(key, "tidak boleh kosong")
        return value.strip()
    if value is None:
        return c.error(key, "wajib diisi; nilainya kosong", "wajib")
    if isinstance(value, (bool, int, float)):
        return c.error(key, _quote_hint(c, key, value))
    if isinstance(value, list):
        return c.error(key, "harus berupa teks, bukan daftar")
    return c.error(
        key,
        "harus berupa teks, bukan pasangan kunci: nilai; bila teksnya memuat titik dua diikuti spasi, "
        'apit seluruh teks dengan tanda kutip: "Langkah 1: isi formulir"',
    )


@validator(Text())
def line(c: Checker, key: str, value: Any) -> str:
    """Text on one line: a title or a name goes into headings, feeds, calendar names and message headers,
    where a line break (or a bare carriage return) would start something else."""
    result = text(c, key, value)
    if result is not INVALID and (bad := next((ch for ch in result if ch < " " or ch == "\x7f"), None)):
        shown = {"\n": "ganti baris", "\r": "ganti baris (CR)", "\t": "tab"}.get(bad, f"kode {ord(bad)}")
        return c.error(key, f"harus satu baris, tanpa {shown}; tulis dalam satu baris saja")
    return result


def short_text(limit: int) -> Validator[str]:
    def check(c: Checker, key: str, value: Any) -> str:
        result = text(c, key, value)
        if result is not INVALID and len(result) > limit:
            return c.error(key, f"terlalu panjang ({len(result)} huruf); paling banyak {limit} huruf")
        return result

    return Validator(check, Text(limit=limit))


@validator(Plain("boolean"))
def boolean(c: Checker, key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return c.error(key, f"harus true atau false, bukan '{c.raw(key, value)}'")


@validator(Plain("integer"))
def whole_number(c: Checker, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return c.error(key, f"harus bilangan bulat, misalnya 1, bukan '{c.raw(key, value)}'")
    return value


AMOUNT_AS_TEXT = re.compile(r"(?i)\s*(rp\.?)?\s*\d[\d.,\s]*(,-)?\s*")


@validator(Plain("amount"))
def rupiah_or_text(c: Checker, key: str, value: Any) -> int | str:
    """Whole rupiah (``0`` shows as Gratis) or an explanation in words; never digits written as text."""
    if isinstance(value, bool):
        return c.error(key, "harus jumlah rupiah (misalnya 0 atau 50000) atau teks, bukan ya/tidak")
    if isinstance(value, int):
        if value < 0:
            return c.error(key, "tidak boleh negatif; tulis 0 untuk layanan gratis")
        return value
    if isinstance(value, float):
        raw = c.raw(key, value)
        digits = re.sub(r"\D", "", raw)
        return c.error(
            key,
            f"'{raw}' dibaca sebagai angka pecahan {value!r}; tulis rupiah utuh tanpa titik atau koma, "
            f"misalnya {digits or '50000'}",
        )
    result = text(c, key, value)
    if result is INVALID or is_placeholder(result):
        return result
    if AMOUNT_AS_TEXT.fullmatch(result):
        digits = re.sub(r"\D", "", result.removesuffix(",-"))
        return c.error(
            key,
            f"'{result}' ditulis dengan pemisah ribuan atau 'Rp'; tulis rupiah utuh tanpa titik atau koma, "
            f"misalnya {digits}",
        )
    if not re.search(r"[^\W\d_]", result):
        return c.error(
            key, f"'{result}' bukan jumlah rupiah; tulis angka saja (misalnya 50000) atau jelaskan dengan kata-kata"
        )
    return result


@validator(Plain("date"))
def date(c: Checker, key: str, value: Any) -> dt.date:
    if not isinstance(value, str) or not DATE_RE.fullmatch(value.strip()):
        return c.error(key, f"harus tanggal dengan format TTTT-BB-HH, misalnya 2026-11-28, bukan '{c.raw(key, value)}'")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return c.error(key, f"tanggal '{value.strip()}' tidak ada di kalender; periksa bulan (01-12) dan hari")


@validator(Plain("datetime"))
def date_or_datetime(c: Checker, key: str, value: Any) -> dt.datetime:
    """A date (midnight), ``YYYY-MM-DD HH:MM`` in the site's zone, or ISO 8601 with an offset."""
    if isinstance(value, str):
        raw = value.strip()
        try:
            if DATE_RE.fullmatch(raw):
                return dt.datetime.combine(dt.date.fromisoformat(raw), dt.time(), c.tz)
            if DATETIME_RE.fullmatch(raw):
                day, clock = raw.split(" ")
                hour, minute = clock.split(":")
                return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(int(hour), int(minute)), c.tz)
            if "T" in raw:
                parsed = dt.datetime.fromisoformat(raw)
                # Shown and fed in the site's own zone, whatever offset it was written with.
                return parsed.astimezone(c.tz) if parsed.tzinfo else parsed.replace(tzinfo=c.tz)
        except ValueError:
            return c.error(
                key, f"tanggal atau jam '{raw}' tidak ada; periksa bulan (01-12), hari dan jam (00:00-23:59)"
            )
    return c.error(
        key,
        f"harus tanggal TTTT-BB-HH atau tanggal dan jam TTTT-BB-HH JJ:MM, misalnya 2026-11-28 08:00, "
        f"bukan '{c.raw(key, value)}'",
    )


def matching(pattern: re.Pattern[str], message: str, placeholder_ok: bool = True) -> Validator[str]:
    """Text that must match ``pattern``; ``message`` says how, with ``{value}`` for what was typed."""

    def check(c: Checker, key: str, value: Any) -> str:
        result = text(c, key, value)
        if result is INVALID or (placeholder_ok and is_placeholder(result)):
            return result
        if not pattern.fullmatch(result):
            return c.error(key, message.format(value=result))
        return result

    return Validator(check, Text(pattern=pattern.pattern))


@validator(Plain("url"))
def url(c: Checker, key: str, value: Any) -> str:
    """An http(s) address that is safe to put in an attribute, a feed and a QR code as it is."""
    result = text(c, key, value)
    if result is INVALID or is_placeholder(result):
        return result
    if not result.startswith(("https://", "http://")):
        return c.error(key, f"harus alamat web lengkap yang diawali https://, bukan '{result}'")
    bad = URL_FORBIDDEN.search(result)
    if bad:
        shown = "spasi" if bad.group().isspace() else f"tanda {bad.group()!r}"
        return c.error(key, f"alamat web tidak boleh memuat {shown}; salin alamatnya dari peramban (spasi ditulis %20)")
    parts = urlsplit(result)
    if "@" in parts.netloc:
        return c.error(key, f"alamat web tidak boleh memuat tanda '@' sebelum nama situs ('{parts.netloc}')")
    if not HOST_RE.fullmatch(parts.netloc.lower()):
        return c.error(key, f"nama situs '{parts.netloc}' tidak sah; contoh yang benar: https://www.lapor.go.id")
    return result


_slug_form = matching(
    SLUG_RE,
    "'{value}' bukan alamat (slug) yang sah; pakai huruf kecil, angka dan tanda '-' saja, misalnya ktp-el-baru",
    placeholder_ok=False,
)
# A slug names folders and files (standar-pelayanan-<slug>.pdf, within a file system's 255 bytes) and is
# typed into WhatsApp and onto posters: short enough for all of them.
SLUG_MAX = 100


@validator(Text(pattern=SLUG_RE.pattern))
def slug(c: Checker, key: str, value: Any) -> str:
    result = _slug_form(c, key, value)
    if result is not INVALID and len(result) > SLUG_MAX:
        return c.error(key, f"alamat terlalu panjang ({len(result)} huruf); paling banyak {SLUG_MAX} huruf")
    return result


whatsapp_number = matching(
    WHATSAPP_RE, "tulis nomor WhatsApp dengan kode negara, angka saja, misalnya \"628125551234\", bukan '{value}'"
)
email = matching(EMAIL_RE, "'{value}' bukan alamat email yang sah")


@validator(Text())
def timezone(c: Checker, key: str, value: Any) -> str:
    result = text(c, key, value)
    if result is INVALID:
        return result
    try:
        ZoneInfo(result)
    except (ZoneInfoNotFoundError, ValueError):
        return c.error(
            key,
            f"zona waktu '{result}' tidak dikenal; tulis nama IANA: Asia/Jakarta (WIB), "
            "Asia/Makassar (WITA) atau Asia/Jayapura (WIT)",
        )
    return result


@validator(Plain("number"))
def number(c: Checker, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        # .nan and .inf are numbers to YAML and not to JSON: they would make the page's JSON-LD invalid.
        return c.error(key, f"harus angka, misalnya -0.5, bukan '{c.raw(key, value)}'")
    return float(value)


@validator(Plain("amount"))
def count_or_text(c: Checker, key: str, value: Any) -> int | str:
    """How many copies: a positive whole number, or words such as "2 lembar"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else c.error(key, "harus lebih dari 0")
    return text(c, key, value)


def one_of(choices: tuple[str, ...]) -> Validator[str]:
    def check(c: Checker, key: str, value: Any) -> str:
        result = text(c, key, value)
        if result is not INVALID and result not in choices:
            return c.error(key, f"'{result}' tidak dikenal; pilih salah satu: {', '.join(choices)}")
        return result

    return Validator(check, Choice(choices))


# --- containers ---------------------------------------------------------------


def list_of(item: Validator[T], minimum: int = 0, unique: bool = False) -> Validator[tuple[T, ...]]:
    def check(c: Checker, key: str, value: Any) -> tuple[T, ...]:
        if value is None and minimum == 0:
            return ()
        if not isinstance(value, list):
            return c.error(key, "harus berupa daftar: tiap butir di baris sendiri, diawali '- '")
        if len(value) < minimum:
            return c.error(key, f"isi paling sedikit {minimum} butir")
        results = [item(c, f"{key}.{i}", v) for i, v in enumerate(value, start=1)]
        if unique:
            seen: set[Any] = set()
            for i, v in enumerate(results, start=1):
                if v is not INVALID and v in seen:
                    c.error(f"{key}.{i}", f"'{v}' ditulis dua kali")
                seen.add(v)
        if any(r is INVALID for r in results):
            return INVALID
        return tuple(results)

    return Validator(check, ListOf(item, minimum))


def unknown_key(c: Checker, key: str, known: list[str]) -> None:
    name = key.rsplit(".", 1)[-1]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    if close:
        c.error(key, f"kunci tidak dikenal; maksud Anda '{close[0]}'?", "kunci-tidak-dikenal")
    else:
        c.error(key, f"kunci tidak dikenal; kunci yang boleh: {', '.join(known)}", "kunci-tidak-dikenal")


def check_fields(c: Checker, prefix: str, value: dict[str, Any], fields: dict[str, Field[Any]]) -> dict[str, Any]:
    """Validate a mapping against a field table; returns the valid typed values."""
    result: dict[str, Any] = {}
    for key in value:
        if str(key) not in fields:
            unknown_key(c, f"{prefix}{key}", list(fields))
    for name, spec in fields.items():
        dotted = f"{prefix}{name}"
        if value.get(name) is None and not spec.required:
            # An optional key left empty (``tempat:``) means the same as leaving it out.
            if name != "slug":
                result[name] = spec.default
            continue
        if name not in value:
            c.error(dotted, "wajib diisi", "wajib")
            continue
        checked = spec.validator(c, dotted, value[name])
        if checked is not INVALID:
            result[name] = checked
    return result


def mapping(fields: dict[str, Field[Any]]) -> Validator[dict[str, Any]]:
    def check(c: Checker, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            names = ", ".join(f"{n}:" for n in fields)
            return c.error(key, f"harus berupa pasangan kunci: nilai ({names})")
        before = len(c.problems)
        result = check_fields(c, f"{key}.", value, fields)
        return INVALID if len(c.problems) > before else result

    return Validator(check, Mapping(fields))


def named(value: Validator[T]) -> Validator[dict[str, T]]:
    """A mapping whose keys are names staff choose (a survey's own answer words, its other names)."""

    def check(c: Checker, key: str, given: Any) -> dict[str, T]:
        if given is None:
            return {}
        if not isinstance(given, dict):
            return c.error(key, "harus berupa pasangan nama: nilai, tiap pasangan di baris sendiri")
        results = {str(name): value(c, f"{key}.{name}", v) for name, v in given.items()}
        return INVALID if any(v is INVALID for v in results.values()) else results

    return Validator(check, Named(value))


@overload
def spec(validator: Validator[T], *, required: Literal[True], label: str = "", hint: str = "") -> T: ...
@overload
def spec(validator: Validator[T], *, default: T, label: str = "", hint: str = "") -> T: ...
@overload
def spec(validator: Validator[T], *, label: str = "", hint: str = "") -> T | None: ...
def spec(
    validator: Validator[T], *, required: bool = False, default: T | None = None, label: str = "", hint: str = ""
) -> Any:
    """Declare a field of a record (a dataclass): its check, and what staff see in the editor.

    Typed as the dataclasses module types ``field()``: the value the record holds, so mypy checks a
    declaration's annotation against its validator's result. A required field has no default.
    """
    declared = Field(validator, required, default, label, hint)
    if required:
        return dataclasses.field(metadata={SPEC: declared})
    return dataclasses.field(default=default, metadata={SPEC: declared})


def fields_of(cls: type) -> dict[str, Field[Any]]:
    """The declared fields of a record, in the order they are declared."""
    return {f.name: f.metadata[SPEC] for f in dataclasses.fields(cls) if SPEC in f.metadata}


R = TypeVar("R")


def record(cls: type[R], main: str | None = None) -> Validator[R]:
    """A mapping checked against ``cls``'s declared fields and made into a ``cls``.

    With ``main``, plain text is accepted too and fills that field (the others take their defaults).
    """
    fields = fields_of(cls)
    as_mapping = mapping(fields)

    def check(c: Checker, key: str, value: Any) -> R:
        if main and not isinstance(value, dict):
            written = text(c, key, value)
            return written if written is INVALID else cls(**{main: written})
        values = as_mapping(c, key, value)
        return values if values is INVALID else cls(**values)

    return Validator(check, TextOr(fields, main) if main else Mapping(fields))
