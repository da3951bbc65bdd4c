"""The satisfaction index (Survei Kepuasan Masyarakat) computed as the regulation defines it.

The elements, the scale, the conversion and the grade intervals are data with
their source (skm.yaml); this module only does the arithmetic, in decimals so a
value exactly on an interval's limit lands where the table says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

DATA: dict[str, Any] = yaml.safe_load((Path(__file__).resolve().parent / "skm.yaml").read_text(encoding="utf-8"))
ELEMENTS: dict[str, str] = DATA["unsur"]  # key -> the element's name in the regulation
LOWEST, HIGHEST = DATA["skala"]
SOURCE: str = DATA["sumber"]
ANSWERS: dict[str, list[str]] = DATA["jawaban"]  # key -> the questionnaire's words for 1, 2, 3, 4
OPTION_LETTER = re.compile(r"^[a-d][.)]\s+")  # "a. Tidak sesuai", as a printed questionnaire lists them


def folded(label: str) -> str:
    """An answer as compared: lower case, single spaces, without a questionnaire's option letter."""
    return OPTION_LETTER.sub("", " ".join(label.split()).lower()).rstrip(".")


def words(key: str) -> dict[str, int]:
    """The element's answer words (folded) -> score."""
    return {folded(label): score for score, label in enumerate(ANSWERS[key], start=LOWEST)}


@dataclass(frozen=True)
class Grade:
    mutu: str  # A-D
    kinerja: str  # "Sangat baik" ...
    dari: Decimal  # the lowest converted value of this grade


GRADES = [Grade(row["mutu"], row["kinerja"], Decimal(row["dari"])) for row in DATA["mutu"]]


@dataclass(frozen=True)
class Index:
    """What a set of answers scores: each element's average, the index, its converted value and grade."""

    responden: int
    nrr: dict[str, Decimal]  # element -> average score
    ikm: Decimal  # the weighted index, on the 1-4 scale
    nilai: Decimal  # converted to 25-100, 2 decimals
    mutu: Grade

    @property
    def lowest(self) -> tuple[str, ...]:
        """The elements that scored lowest as the page shows them (2 decimals): every one of a tie."""
        shown = {key: two_places(value) for key, value in self.nrr.items()}
        bottom = min(shown.values())
        return tuple(key for key, value in shown.items() if value == bottom)


def rounded(value: Decimal, places: int) -> Decimal:
    """Half up, as the regulation's worked examples and the pages round (not Python's half to even)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def two_places(value: Decimal) -> Decimal:
    return rounded(value, 2)


def ranges() -> list[tuple[Grade, Decimal]]:
    """Each grade with the highest converted value it covers, highest grade first (as the page lists them)."""
    tops = [Decimal(HIGHEST * DATA["konversi"]), *(g.dari - Decimal("0.01") for g in GRADES[:-1])]
    return list(zip(GRADES, tops, strict=True))


def grade(nilai: Decimal) -> Grade:
    return next(g for g in GRADES if nilai >= g.dari)


def index(rows: Sequence[Mapping[str, object]]) -> Index | None:
    """The index of ``rows`` (element -> score, None when left empty); None unless every element has an answer.

    NRR = the element's total / the answers it got (an empty cell is no answer, not 0); every element
    weighs 1 / the number of elements; IKM = the sum of the weighted NRR; the converted value is IKM × 25.
    """
    nrr: dict[str, Decimal] = {}
    for key in ELEMENTS:
        scores = [score for row in rows if isinstance(score := row.get(key), int)]
        if not scores:
            return None  # an index without one of its elements is not the regulation's index
        nrr[key] = Decimal(sum(scores)) / len(scores)
    weight = Decimal(1) / len(ELEMENTS)
    ikm = sum((value * weight for value in nrr.values()), Decimal(0))
    nilai = two_places(ikm * DATA["konversi"])
    return Index(len(rows), nrr, ikm, nilai, grade(nilai))
