"""Every shape of requirement says exactly what to bring and when, wherever a requirement appears.

Shapes: a plain text, a document ``opsional`` (bring it if you have it), a document
needed only ``jika`` (if) something holds, and ``salah_satu``: any one of several
documents, themselves plain or conditional. Channels: the page's checklist and
its printout, the poster, the WhatsApp message, the search index's text, the
open data, ``check``.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pdfplumber
import pytest
from rules import SERVICE, assert_problem

from conftest import VALID_SERVICE, Built, Project, build_site

SHAPES = """\
persyaratan:
  - Kartu Keluarga (KK)
  - dokumen: Pas foto
    jumlah: 2
    opsional: true
  - dokumen: Surat kuasa bermeterai
    jika: diwakilkan kepada orang lain
  - salah_satu:
      - dokumen: Surat keterangan kehilangan dari kepolisian
        jika: KTP-el hilang
      - dokumen: KTP-el yang rusak
        jika: KTP-el rusak
      - Surat keterangan pengganti tanda identitas
    keterangan: Cukup satu dokumen.
"""
LINES = [
    "Kartu Keluarga (KK)",
    "Pas foto (2 lembar; bila ada)",
    "Surat kuasa bermeterai (hanya jika diwakilkan kepada orang lain)",
    "Salah satu: Surat keterangan kehilangan dari kepolisian (hanya jika KTP-el hilang) atau KTP-el yang rusak "
    "(hanya jika KTP-el rusak) atau Surat keterangan pengganti tanda identitas",
]


@pytest.fixture
def shapes(project: Project) -> Built:
    text = VALID_SERVICE.replace("persyaratan:\n  - KTP-el\n  - dokumen: Kartu Keluarga\n    jumlah: 1\n", SHAPES)
    project.write("layanan/uji.md", text.replace("  - loket", "  - loket\n  - whatsapp"))
    return build_site(project.content, project.dir / "output")


def test_the_checklist_says_what_and_when(shapes: Built) -> None:
    items = shapes.soup("/layanan/uji/").select("ul.ceklis > li")
    labels = [item.find("label").find(string=True, recursive=False) for item in items]
    assert labels[:3] == LINES[:3]
    assert items[3].find("label").get_text(" ", strip=True) == "Salah satu dari berikut: Cukup satu dokumen."
    assert [li.get_text() for li in items[3].select("ul.pilihan li")] == [
        "Surat keterangan kehilangan dari kepolisian (hanya jika KTP-el hilang)",
        "KTP-el yang rusak (hanya jika KTP-el rusak)",
        "Surat keterangan pengganti tanda identitas",
    ]
    # What Pagefind indexes for each box (label text itself is dropped by Pagefind).
    assert [item.find("label")["data-cari"] for item in items] == [*LINES[:3], LINES[3] + ". Cukup satu dokumen."]


def test_the_whatsapp_message_read_back(shapes: Built) -> None:
    href = shapes.soup("/layanan/uji/").find("a", string="Ajukan lewat WhatsApp")["href"]
    message = parse_qs(urlsplit(href).query)["text"][0]
    assert message.splitlines()[2:] == ["Persyaratan yang sudah saya siapkan:", *(f"- {line}" for line in LINES)]


def test_the_poster_lists_conditions_and_alternatives(shapes: Built) -> None:
    poster = [li.get_text(strip=True) for li in shapes.soup("/layanan/uji/poster/").select("ul.ceklis li")]
    assert poster == [LINES[0], LINES[2], LINES[3]]  # what one must bring; 'bila ada' is left to the page


def test_open_data_keeps_the_shapes(shapes: Built) -> None:
    [service] = [s for s in json.loads(shapes.text("/api/layanan.json"))["layanan"] if s["slug"] == "uji"]
    plain, optional, conditional, alternatives = service["persyaratan"]
    assert plain["dokumen"] == "Kartu Keluarga (KK)" and plain["jika"] is None and plain["opsional"] is False
    assert optional["jumlah"] == 2 and optional["opsional"] is True
    assert conditional["jika"] == "diwakilkan kepada orang lain"
    assert alternatives["keterangan"] == "Cukup satu dokumen."
    assert [c["jika"] for c in alternatives["salah_satu"]] == ["KTP-el hilang", "KTP-el rusak", None]


def test_the_printout_carries_every_alternative(shapes: Built, page, serve) -> None:
    page.goto(serve(shapes) + "/layanan/uji/")
    page.emulate_media(media="print")
    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as pdf:
        text = re.sub(r"\s", "", "".join(p.extract_text() for p in pdf.pages))
    for expected in (
        "Salahsatudariberikut",
        "KTP-elyangrusak(hanyajikaKTP-elrusak)",
        "(hanyajikadiwakilkankepadaoranglain)",
    ):
        assert expected in text


@pytest.mark.parametrize(
    ("case", "requirement", "line", "message"),
    [
        (
            "one alternative only",
            "  - salah_satu:\n      - KTP-el\n",
            6,
            "persyaratan.1.salah_satu: isi paling sedikit 2 butir",
        ),
        (
            "alternatives as text",
            "  - salah_satu: KTP-el atau KK\n",
            6,
            "persyaratan.1.salah_satu: harus berupa daftar",
        ),
        (
            "document beside salah_satu",
            "  - dokumen: KTP-el\n    salah_satu:\n      - a\n      - b\n",
            6,
            "persyaratan.1.dokumen: kunci tidak dikenal",
        ),
        (
            "jika and opsional together",
            "  - dokumen: Surat kuasa\n    jika: diwakilkan\n    opsional: true\n",
            7,
            "persyaratan.1.jika: pilih salah satu: 'jika'",
        ),
        ("empty condition", "  - dokumen: Surat kuasa\n    jika: ''\n", 7, "persyaratan.1.jika: tidak boleh kosong"),
    ],
)
def test_check_explains_a_wrong_shape(project: Project, case: str, requirement: str, line: int, message: str) -> None:
    text = VALID_SERVICE.replace(
        "persyaratan:\n  - KTP-el\n  - dokumen: Kartu Keluarga\n    jumlah: 1\n", "persyaratan:\n" + requirement
    )
    assert_problem(project, "layanan/uji.md", text, f"{SERVICE}:{line}: {message}")


def test_each_label_sits_beside_its_box_at_360px(shapes: Built, page, serve) -> None:
    """A long requirement wraps beside its box, never under it (flex-wrap must not take the label)."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(serve(shapes) + "/layanan/uji/")
    rows = page.eval_on_selector_all(
        "ul.ceklis > li",
        """items => items.map(li => {
             const box = li.querySelector('input').getBoundingClientRect();
             const label = li.querySelector('label').getBoundingClientRect();
             return {top: label.top, boxBottom: box.bottom, left: label.left, boxRight: box.right};
           })""",
    )
    assert len(rows) == 4
    for row in rows:
        assert row["top"] < row["boxBottom"] and row["left"] >= row["boxRight"], row
