"""The index arithmetic: grades exactly on the regulation's interval limits, rounding, empty answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from layanan.content import skm

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
    assert result.lowest == tuple(key for key in ALL if key != "waktu")  # every element of a tie is named


def test_no_answers_is_no_index() -> None:
    assert skm.index([dict.fromkeys(ALL)]) is None


def test_an_element_nobody_answered_is_no_index_rather_than_one_of_eight() -> None:
    assert skm.index([dict.fromkeys(ALL, 4) | {"biaya": None}]) is None


def test_a_tie_is_read_as_the_page_shows_it() -> None:
    def lowest(kompetensi: str) -> tuple[str, ...]:
        nrr = dict.fromkeys(ALL, Decimal(4)) | {"waktu": Decimal(10) / 3, "kompetensi": Decimal(kompetensi)}
        return skm.Index(3, nrr, Decimal(0), Decimal(0), skm.GRADES[0]).lowest

    assert lowest("3.3349") == ("waktu", "kompetensi")  # 3.3333… and 3.3349 both show as 3,33
    assert lowest("3.3351") == ("waktu",)  # 3,34


def test_four_places_round_half_up_too() -> None:
    assert skm.rounded(Decimal("3.15625"), 4) == Decimal("3.1563")  # round() would give 3.1562
    assert skm.rounded(Decimal("2.00005"), 4) == Decimal("2.0001")


@pytest.mark.parametrize(
    ("key", "written", "score"),
    [
        ("persyaratan", "Sangat sesuai", 4),
        ("persyaratan", "  sangat   SESUAI ", 4),
        ("persyaratan", "a. Tidak sesuai", 1),
        ("biaya", "Gratis", 4),
        ("pengaduan", "Ada tetapi tidak berfungsi", 2),
        ("sarana", "Cukup", 2),
    ],
)
def test_the_questionnaire_s_words_for_each_score(key: str, written: str, score: int) -> None:
    assert skm.words(key)[skm.folded(written)] == score


def test_every_element_has_a_word_for_each_point_of_the_scale() -> None:
    assert set(skm.ANSWERS) == set(skm.ELEMENTS)
    assert all(len(words) == skm.HIGHEST - skm.LOWEST + 1 for words in skm.ANSWERS.values())


def test_the_grade_ranges_the_page_lists() -> None:
    assert [(g.mutu, str(g.dari), str(top)) for g, top in skm.ranges()] == [
        ("A", "88.31", "100"),
        ("B", "76.61", "88.30"),
        ("C", "65.00", "76.60"),
        ("D", "25.00", "64.99"),
    ]
