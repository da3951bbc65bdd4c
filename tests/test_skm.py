"""The index arithmetic: grades exactly on the regulation's interval limits, rounding, empty answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from layanan import skm

ALL = list(skm.ELEMENTS)


@pytest.mark.parametrize(
    ("nilai", "mutu", "kinerja"),
    [
        ("100.00", "A", "Sangat baik"),
        ("88.31", "A", "Sangat baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang baik"),
        ("65.00", "C", "Kurang baik"),
        ("64.99", "D", "Tidak baik"),
        ("25.00", "D", "Tidak baik"),
    ],
)
def test_grades_on_the_interval_limits(nilai: str, mutu: str, kinerja: str) -> None:
    found = skm.grade(Decimal(nilai))
    assert (found.mutu, found.kinerja) == (mutu, kinerja)


def test_converted_values_round_half_up_not_to_even() -> None:
    assert skm.two_places(Decimal("84.125")) == Decimal("84.13")
    assert skm.two_places(Decimal("76.605")) == Decimal("76.61")  # so B, where rounding to even would give C


def test_the_scale_s_ends() -> None:
    assert skm.index([dict.fromkeys(ALL, 4)]).nilai == Decimal("100.00")
    assert skm.index([dict.fromkeys(ALL, 1)]).nilai == Decimal("25.00")


def test_an_empty_answer_is_missing_not_zero() -> None:
    first = dict.fromkeys(ALL, 4)
    second = dict.fromkeys(ALL, 2) | {"waktu": None}
    result = skm.index([first, second])
    assert result.responden == 2
    assert result.nrr["waktu"] == 4  # only the first answered it
    assert result.nrr["persyaratan"] == 3
    # (8 elements × 3 + 4) / 9 = 28/9 = 3.1111…; × 25 = 77.777… -> 77.78, B
    assert result.nilai == Decimal("77.78") and result.mutu.mutu == "B"
    assert result.lowest == "persyaratan"  # a tie goes to the first in the regulation's order


def test_no_answers_is_no_index() -> None:
    assert skm.index([dict.fromkeys(ALL)]) is None
