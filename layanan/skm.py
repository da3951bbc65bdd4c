"""The satisfaction index (Survei Kepuasan Masyarakat) computed as the regulation defines it.

The elements, the scale, the conversion and the grade intervals are data with
their source (skm.yaml); this module only does the arithmetic, in decimals so a
value exactly on an interval's limit lands where the table says.
"""

from __future__ import annotations

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
    nrr: dict[str, Decimal | None]  # element -> average score (None: nobody answered it)
    ikm: Decimal  # the weighted index, on the 1-4 scale
    nilai: Decimal  # converted to 25-100, 2 decimals
    mutu: Grade

    @property
    def lowest(self) -> str:
        """The element that scored lowest (the first in the regulation's order on a tie)."""
        answered = {key: value for key, value in self.nrr.items() if value is not None}
        return min(answered, key=lambda key: answered[key])


def two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade(nilai: Decimal) -> Grade:
    return next(g for g in GRADES if nilai >= g.dari)


def index(rows: Sequence[Mapping[str, object]]) -> Index | None:
    """The index of ``rows`` (element -> score, None when left empty); None when no row answers anything.

    NRR = the element's total / the answers it got; every element weighs 1 / the number of
    elements; IKM = the sum of the weighted NRR; the converted value is IKM × 25.
    """
    nrr: dict[str, Decimal | None] = {}
    for key in ELEMENTS:
        scores = [score for row in rows if isinstance(score := row.get(key), int)]
        nrr[key] = Decimal(sum(scores)) / len(scores) if scores else None
    answered = [value for value in nrr.values() if value is not None]
    if not answered:
        return None
    weight = Decimal(1) / len(answered)  # 1/9 when every element has answers
    ikm = sum((value * weight for value in answered), Decimal(0))
    nilai = two_places(ikm * DATA["konversi"])
    return Index(len(rows), nrr, ikm, nilai, grade(nilai))
