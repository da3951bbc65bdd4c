"""Markdown bodies: links to our own pages checked, warnings for staff, HTML sanitised."""

from __future__ import annotations

import time

import pytest
from rules import SERVICE, assert_problem, service

from conftest import VALID_ANNOUNCEMENT, VALID_SERVICE, Project, build_site

BODY_LINE = 18  # the body of VALID_SERVICE starts on line 18


def with_body(text: str) -> str:
    return VALID_SERVICE.replace("Catatan.\n", text)


@pytest.mark.parametrize(
    ("body", "offset", "target"),
    [
        ("Lihat [KK](/layanan/tidak-ada/).\n", 0, "/layanan/tidak-ada/"),
        ('Baris satu.\n\nLihat <a href="/pengumuman/hilang/">ini</a>.\n', 2, "/pengumuman/hilang/"),
        ("[Desa Z][z]\n\n[z]: /kelurahan/desa-z/\n", 2, "/kelurahan/desa-z/"),
        ("Unduh [formulir](/berkas/f-9.pdf).\n", 0, None),
    ],
    ids=["markdown link", "html link", "reference link", "missing file"],
)
def test_broken_own_link_in_a_body(project: Project, body: str, offset: int, target: str | None) -> None:
    message = f"tautan ke {target} yang tidak ada" if target else "tautan ke berkas 'f-9.pdf' yang tidak ada"
    assert_problem(project, "layanan/uji.md", with_body(body), f"{SERVICE}:{BODY_LINE + offset}: (isi): {message}")


def test_link_to_a_draft_is_broken(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        with_body("Lihat [draf](/layanan/rahasia/).\n"),
        f"{SERVICE}:{BODY_LINE}: (isi): tautan ke /layanan/rahasia/ yang tidak ada",
    )


def test_good_own_links_pass(project: Project) -> None:
    body = "[a](/layanan/kedua/) [b](/layanan/nama-lama/) [c](/pengumuman/kecamatan/#isi) [d](/berkas/lampiran.txt) [e](/kelurahan/) [f](/layanan/kedua)\n\n`[x](/layanan/dalam-kode/)`\n\n```\n[y](/layanan/dalam-blok-kode/)\n```\n"
    project.write("layanan/uji.md", with_body(body))
    code, output = project.check()
    assert code == 0, output


WARNINGS = [
    (
        "image without alt",
        with_body("![](/berkas/gambar.svg)\n"),
        f"{SERVICE}:{BODY_LINE}: (isi): peringatan: gambar tanpa teks pengganti",
    ),
    ("raw html", with_body("Teks <b>tebal</b>.\n"), f"{SERVICE}:{BODY_LINE}: (isi): peringatan: berisi HTML"),
    (
        "old diperbarui",
        service("diperbarui: 2026-11-01", "diperbarui: 2025-11-01"),
        f"{SERVICE}:16: diperbarui: peringatan: terakhir diperiksa 2025-11-01, lebih dari 12 bulan lalu",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_warning_passes_unless_strict(project: Project, case: str, text: str, expected: str) -> None:
    project.write("layanan/uji.md", text)
    code, output = project.check()
    assert code == 0, output
    lines = output.splitlines()
    assert any(line.startswith(expected) for line in lines), output
    assert "0 kesalahan, 1 peringatan" in lines
    code, output = project.check("--strict")
    assert code == 1
    assert expected in output


def test_important_announcement_without_end_date_warns(project: Project) -> None:
    project.write(
        "pengumuman/2026-11-10-uji.md",
        "---\njudul: Uji\ntanggal: 2026-11-10\nkategori: Layanan\npenting: true\n---\nIsi.\n",
    )
    code, output = project.check()
    assert code == 0
    assert (
        "content/pengumuman/2026-11-10-uji.md:5: penting: peringatan: pengumuman penting tanpa berlaku_hingga" in output
    )


def test_warnings_do_not_stop_a_build(project: Project) -> None:
    project.write("layanan/uji.md", with_body("Teks <b>tebal</b>.\n"))
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    assert "peringatan: berisi HTML" in output
    assert (project.dir / "output" / "layanan" / "uji" / "index.html").is_file()


HOSTILE = """\
<script>alert(1)</script>
<iframe src="https://jahat.example/"></iframe>
<object data="x.swf"></object><embed src="y.swf">
<p onclick="alert(2)" onmouseover="alert(3)">klik</p>
<a href="javascript:alert(4)">tautan</a>
<img src="/berkas/gambar.svg" alt="ok" onerror="alert(5)">
<form action="https://jahat.example/"><input name="pin"></form>
<style>body{display:none}</style>
[md](javascript:alert(6))
<svg><script>alert(7)</script></svg>
<a href="JaVaScRiPt:alert(8)">x</a>
"""


def test_raw_html_is_sanitised(project: Project) -> None:
    project.write("layanan/uji.md", with_body(HOSTILE + "\nTeks aman [tautan](/layanan/kedua/).\n"))
    built = build_site(project.content, project.dir / "output")
    page = built.text("/layanan/uji/")
    soup = built.soup("/layanan/uji/")
    body = soup.select_one("#catatan").parent
    assert not body.find_all(["script", "iframe", "object", "embed", "form", "input", "style", "svg"])
    for tag in body.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], tag
        for attr in ("href", "src"):
            assert not tag.get(attr, "").lower().startswith("javascript"), tag
    assert "alert(" not in str(body)
    assert body.find("a", href="/layanan/kedua/")
    assert body.find("img", src="/berkas/gambar.svg")
    assert "jahat.example" not in page


def test_feed_content_is_sanitised_too(project: Project) -> None:
    project.write(
        "pengumuman/2026-11-10-uji.md", "---\njudul: Uji\ntanggal: 2026-11-10\nkategori: Layanan\n---\n" + HOSTILE
    )
    built = build_site(project.content, project.dir / "output")
    feed = built.text("/feeds/pengumuman.xml")
    assert "alert(" not in feed and "&lt;script" not in feed and "onclick" not in feed


PATHOLOGICAL = [
    ("a line of brackets", "[" * 20_000 + "\n", 0, "lebih dari 200 tanda '[' dalam satu paragraf"),
    ("unclosed links", "Awal.\n\n" + "[a](" * 30_000 + "\n", 2, "lebih dari 200 tanda '[' dalam satu paragraf"),
    (
        "a list nested 700 deep",
        "".join("    " * i + "- a\n" for i in range(700)),
        31,
        "daftar atau kutipan bertingkat lebih dari 30 tingkat",
    ),
    ("a list nested on one line", "- " * 700 + "a\n", 0, "daftar atau kutipan bertingkat lebih dari 30 tingkat"),
    ("nested quotes and lists", "> 1. " * 400 + "a\n", 0, "daftar atau kutipan bertingkat lebih dari 30 tingkat"),
]


@pytest.mark.parametrize(("case", "body", "offset", "message"), PATHOLOGICAL, ids=[p[0] for p in PATHOLOGICAL])
def test_pathological_markdown_is_refused_quickly(
    project: Project, case: str, body: str, offset: int, message: str
) -> None:
    start = time.perf_counter()
    assert_problem(project, "layanan/uji.md", with_body(body), f"{SERVICE}:{BODY_LINE + offset}: (isi): {message}")
    assert time.perf_counter() - start < 20  # two runs of check and one of build


def test_ordinary_nesting_and_links_pass(project: Project) -> None:
    body = (
        "".join("  " * i + f"- tingkat {i} [tautan](https://contoh.example/{i})\n" for i in range(6)) + "\n> kutipan\n"
    )
    project.write("layanan/uji.md", with_body(body))
    assert project.check()[0] == 0


def test_a_body_past_the_time_budget_is_an_error(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from layanan.read import body as body_module

    # Within the limits, but slower than a budget this small: python-markdown is quadratic on '!['.
    monkeypatch.setattr(body_module, "TIME_BUDGET", 0.01)
    slow = "".join("![" * 190 + "\n\n" for _ in range(40))
    project.write("layanan/uji.md", with_body(slow))
    code, output = project.check()
    assert code == 1
    assert f"{SERVICE}:{BODY_LINE}: (isi): isi terlalu rumit untuk diolah" in output
    assert "Traceback" not in output


def test_placeholder_in_a_link_title_keeps_the_markup_whole(project: Project) -> None:
    body = 'Lihat [formulir](https://contoh.example/f "[ISI: judul formulir]") dan [ISI: nomor loket].\n'
    project.write("layanan/uji.md", with_body(body))
    built = build_site(project.content, project.dir / "output")
    note = built.soup("/layanan/uji/").select_one("#catatan").find_next("p")
    link = note.find("a")
    assert link["title"] == "[ISI: judul formulir]"
    assert link.get_text() == "formulir"
    assert [m.get_text() for m in note.find_all("mark", class_="isi")] == ["[ISI: nomor loket]"]


@pytest.mark.parametrize(("kind", "top"), [("layanan", 3), ("halaman", 2)])
def test_body_headings_nest_under_the_section_that_holds_them(project: Project, kind: str, top: int) -> None:
    body = "# Satu\n\nTeks.\n\n## Dua\n\n### Tiga\n\n## Persyaratan\n"
    if kind == "layanan":
        project.write("layanan/uji.md", with_body(body))
        url = "/layanan/uji/"
    else:
        project.write("halaman/uji.md", "---\njudul: Uji\n---\n" + body)
        url = "/uji/"
    built = build_site(project.content, project.dir / "output")
    soup = built.soup(url)
    headings = soup.select(".isi h1, .isi h2, .isi h3, .isi h4, .isi h5")
    found = [(h.name, h.get_text()) for h in headings if h.get("id") != "catatan"]
    assert found == [
        (f"h{top}", "Satu"),
        (f"h{top + 1}", "Dua"),
        (f"h{top + 2}", "Tiga"),
        (f"h{top + 1}", "Persyaratan"),
    ]
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))  # '## Persyaratan' does not take the template's id


def test_a_body_cannot_take_the_page_s_own_ids_and_shows_no_picture_from_another_host(project: Project) -> None:
    """A body id 'teks-pesan' took the message box's id (its copy button copied 'undefined')."""
    body = (
        '<p id="teks-pesan">Bukan kotak pesan.</p>\n\nLihat [bagian bawah](#teks-pesan).\n\n'
        '<img src="https://pelacak.example/p.gif" alt="piksel">\n\n![peta](/berkas/gambar.svg)\n'
    )
    project.write("pengumuman/2026-11-10-uji.md", VALID_ANNOUNCEMENT.replace("Isi pengumuman.\n", body))
    built = build_site(project.content, project.dir / "output")
    soup = built.soup("/pengumuman/uji/")
    assert len(soup.select("#teks-pesan")) <= 1  # the template's, if the page has one; never the body's
    assert soup.find("p", id="bagian-teks-pesan").get_text() == "Bukan kotak pesan."
    assert soup.find("a", string="bagian bawah")["href"] == "#bagian-teks-pesan"
    assert "pelacak.example" not in built.text("/pengumuman/uji/")
    assert soup.find("img", src="/berkas/gambar.svg")
