"""Receipt codes residents read off a receipt and type on a phone, and what a clerk's note may not hold."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from layanan.content import receipts


def test_the_alphabet_has_no_look_alikes() -> None:
    assert len(receipts.ALPHABET) == len(set(receipts.ALPHABET)) == 31
    assert not set("0O1IL") & set(receipts.ALPHABET)
    assert set(receipts.ALPHABET) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789")


def test_a_million_codes_are_all_different_and_all_well_formed() -> None:
    taken: set[str] = set()
    for _ in range(1_000_000):
        taken.add(receipts.new_code(taken))
    assert len(taken) == 1_000_000
    assert all(receipts.CODE.fullmatch(code) for code in taken)
    # Every character is as likely at every place: no position leans to some letters.
    counts = Counter(code[2] for code in taken)
    assert set(counts) == set(receipts.ALPHABET)
    assert max(counts.values()) / min(counts.values()) < 1.1


def test_codes_come_from_the_secure_generator_not_from_random() -> None:
    """Seeding Python's ``random`` (as any library may) says nothing about the next code."""
    random.seed(2026)
    first = [receipts.new_code(set()) for _ in range(3)]
    random.seed(2026)
    assert [receipts.new_code(set()) for _ in range(3)] != first


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7MQ-2XDA", "K7MQ-2XDA"),
        ("K7MQ2XDA", "K7MQ-2XDA"),
        ("  K7MQ-2XDA ", "K7MQ-2XDA"),
        ("k7mq-2xda", "K7MQ-2XDA"),  # a phone's keyboard may give small letters
        ("k7Mq2xdA", "K7MQ-2XDA"),
        ("K7MQ-2XDſ", None),  # a letter that is S only once made a capital: not what nginx reads as one
        ("K7MQ 2XDA", None),
        ("K7MQ-2XDAA", None),
        ("K0MQ-2XDA", None),  # 0 is not in the alphabet
        ("../../etc/passwd", None),
        ("K7MQ-2XDA/../x", None),
        ("K7MQ-2XDA\n", "K7MQ-2XDA"),
        ("A" * 10_000, None),
        ("", None),
    ],
)
def test_what_the_lookup_form_sends(typed: str, code: str | None) -> None:
    assert receipts.lookup(typed) == code


def test_the_nginx_rule_is_the_same_rule_over_the_query_as_sent() -> None:
    assert receipts.NGINX_LOOKUP.startswith("~*")  # nginx's case-insensitive match, as PCRE reads bytes
    rule = re.compile(receipts.NGINX_LOOKUP.removeprefix("~*"), re.IGNORECASE | re.ASCII)
    for sent, code in [("K7MQ-2XDA", "K7MQ-2XDA"), ("+K7MQ2XDA%20", "K7MQ-2XDA"), ("k7mq-2xda", "K7MQ-2XDA"),
                       ("K7MQ%2F2XDA", None), ("..%2F..%2Fetc", None), ("K7MQ-2XD%C5%BF", None)]:  # fmt: skip
        match = rule.fullmatch(sent)
        assert (f"{match[1]}-{match[2]}".upper() if match else None) == code


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("Fotokopi Kartu Keluarga", ""),
        ("Loket 2, lantai 1", ""),
        ("Diambil 2026-12-05 10.00", ""),  # a date and time are not a number of anyone's
        ("NIK 6472010101010001", "NIK atau nomor KK (16 angka)"),
        ("KK 6472 0101 0101 0001", "NIK atau nomor KK (16 angka)"),
        ("hubungi 0812-3456-7890", "nomor telepon"),
        ("WA +62 812 3456 7890", "nomor telepon"),
        ("telepon 0541 123456", "nomor telepon"),
        ("kirim ke warga@example.com", "alamat surel (email)"),
    ],
)
def test_a_note_that_identifies_a_person_is_found(note: str, found: str) -> None:
    assert receipts.personal_data(note) == found


def test_every_status_says_what_it_means_and_what_to_do() -> None:
    assert list(receipts.STATUSES) == ["diterima", "diproses", "perlu-dilengkapi", "selesai", "diambil", "ditolak"]
    for status in receipts.STATUSES.values():
        assert status.label and status.words.endswith(".") and status.next_step.endswith(".")
        assert not status.note_required or status.note
    assert [name for name, s in receipts.STATUSES.items() if s.final] == ["diambil", "ditolak"]
