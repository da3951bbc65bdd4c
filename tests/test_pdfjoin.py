"""The office's Standar Pelayanan as one document to sign, and every PDF tagged for a screen reader.

Built from the shipped sample (13 services) with the production PDFs, read with pdfplumber
(the text as printed) and pikepdf (the catalogue, the tags, the links, the bookmarks).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from conftest import LENGKAP, SAMPLE, Built, build_site

pytestmark = pytest.mark.pango
WHOLE = "/standar-pelayanan/standar-pelayanan.pdf"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(SAMPLE, tmp_path_factory.mktemp("pdf") / "output", LAYANAN_PDF=True)


def texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Each named destination -> the index of the page it opens."""
    names = pdf.Root.Names.Dests.Names
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    return {str(names[i]): index[names[i + 1][0].objgen] for i in range(0, len(names), 2)}


def test_the_office_standard_is_one_document_to_sign(printed: Built) -> None:
    pages = texts(printed.path(WHOLE))
    assert len(pages) == 1 + 13  # the cover, then a service per page, as a browser prints it
    whole = "\n".join(pages)
    assert whole.count("Lampiran Keputusan") == 1 and "Lampiran Keputusan" in pages[0]
    assert whole.count("Ditetapkan di") == 1 and "Ditetapkan di" in pages[-1]  # one signature, after the last
    for number, text in enumerate(pages, start=1):
        assert re.findall(r"Halaman \d+ dari \d+", text) == [f"Halaman {number} dari {len(pages)}"]


def test_the_contents_give_each_service_s_page_and_link_to_it(printed: Built) -> None:
    pages = texts(printed.path(WHOLE))
    listed = re.findall(r"^\d+\. (.+?) · halaman (\d+)$", pages[0], re.M)
    assert len(listed) == 13
    with pikepdf.open(printed.path(WHOLE)) as pdf:
        opens = destinations(pdf)
        links = [str(annot.Dest) for annot in pdf.pages[0].Annots]
        with pdf.open_outline() as outline:
            bookmarks = [
                (item.title, opens[slug]) for item, slug in zip(outline.root, dict.fromkeys(links), strict=True)
            ]
    for n, (title, page) in enumerate(listed, start=1):
        assert f"{n}. {title}" in pages[int(page) - 1].splitlines()[0]  # the service's heading opens that page
        assert opens[list(dict.fromkeys(links))[n - 1]] == int(page) - 1  # and its contents line links there
    assert bookmarks == [(title, int(page) - 1) for title, page in listed]


def pdfs(built: Built) -> list[Path]:
    return sorted(built.root.rglob("*.pdf"))


def test_every_pdf_is_tagged_with_its_language_and_title(printed: Built) -> None:
    assert len(pdfs(printed)) == 14
    for path in pdfs(printed):
        html = (path.parent / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html).group(1).replace("&middot;", "·")
        with pikepdf.open(path) as pdf:
            assert pdf.Root.MarkInfo.Marked is True and pdf.Root.Lang == "id", path
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            assert str(pdf.docinfo.Title) == title, path
            meta = pdf.open_metadata()
            assert meta["dc:title"] == title and meta["pdfuaid:part"] == "1"


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found, todo = [], list(pdf.Root.StructTreeRoot.K)
    while todo:
        element = todo.pop(0)
        if isinstance(element, pikepdf.Dictionary) and element.get("/S") is not None:
            found.append(element)
            todo[:0] = [kid for kid in element.get("/K", []) if isinstance(kid, pikepdf.Dictionary)]
    return found


def test_a_screen_reader_finds_one_tree_over_the_whole_document(printed: Built) -> None:
    with pikepdf.open(printed.path(WHOLE)) as pdf:
        pages = {page.obj.objgen for page in pdf.pages}
        elements = structure(pdf)
        # Every tag points at a page of this document (none at a page left behind by the join) …
        assert all(e.Pg.objgen in pages for e in elements if "/Pg" in e)
        # … and the parent tree answers each page and each link with its own entry.
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys))
        used = [int(page.StructParents) for page in pdf.pages]
        used += [int(a.StructParent) for page in pdf.pages for a in page.get("/Annots", [])]
        assert sorted(used) == sorted(keys)
        headings = [str(e.S) for e in elements if str(e.S) in ("/H1", "/H2")]
    assert headings == ["/H1", "/H2"] + ["/H2"] * 13  # the title, the contents, then each service in order


def test_page_numbers_are_marked_as_pagination_not_text(printed: Built) -> None:
    with pikepdf.open(printed.path(WHOLE)) as pdf:
        for page in pdf.pages:
            streams = page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
            assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in streams[-1].read_bytes()


def test_each_sample_service_s_pdf_is_one_a4_page_as_the_docs_say(printed: Built) -> None:
    services = [path for path in pdfs(printed) if path.parent.name == "standar"]
    assert len(services) == 13
    for path in services:
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == 1, path
            assert "Ditetapkan di" in pdf.pages[0].extract_text() and "Halaman 1 dari 1" in pdf.pages[0].extract_text()
    assert (
        "satu halaman A4 bila isinya sepanjang layanan contoh" in (SAMPLE.parent / "docs/format-konten.md").read_text()
    )


def test_a_long_standard_never_leaves_the_signature_alone(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    service = content / "layanan" / "kedua.md"
    many = "".join(f"  - Dokumen pendukung nomor {n} yang harus dibawa pemohon ke loket\n" for n in range(40))
    service.write_text(service.read_text(encoding="utf-8").replace("persyaratan:\n", "persyaratan:\n" + many, 1))
    built = build_site(content, tmp_path / "output", LAYANAN_PDF=True)
    pages = texts(built.path("/layanan/kedua/standar/standar-pelayanan-kedua.pdf"))
    assert len(pages) >= 2
    assert "Ditetapkan di" in pages[-1] and "Komponen" in pages[-1]  # the table's last rows go with it


def test_one_service_edit_prints_one_part_of_the_office_document_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    cache = tmp_path / "cache"
    build_site(content, tmp_path / "output", LAYANAN_PDF=True, CACHE_PATH=str(cache))
    before = set((cache / "pdf-bagian").glob("bagian-*.pdf"))
    assert len(before) == 13
    service = content / "layanan" / "sku.md"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("Surat Keterangan Usaha (SKU)", "Surat Keterangan Usaha (SKU) Mikro", 1))
    built = build_site(content, tmp_path / "output", LAYANAN_PDF=True, CACHE_PATH=str(cache))
    after = set((cache / "pdf-bagian").glob("bagian-*.pdf"))
    assert len(after - before) == 1  # the others are reused; the old part stays an hour for a build beside
    assert "Surat Keterangan Usaha (SKU) Mikro" in "".join(texts(built.path(WHOLE)))


def test_an_edit_that_moves_no_page_reuses_the_cover_and_the_numbers(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    cache = tmp_path / "cache"
    build_site(content, tmp_path / "output", LAYANAN_PDF=True, CACHE_PATH=str(cache))
    printed = {path.name for path in (cache / "pdf-bagian").glob("*.pdf")}
    service = content / "layanan" / "sku.md"
    service.write_text(
        service.read_text(encoding="utf-8").replace('\nwaktu: "[ISI: waktu penyelesaian]"', "\nwaktu: 3 hari kerja", 1)
    )
    build_site(content, tmp_path / "output", LAYANAN_PDF=True, CACHE_PATH=str(cache))
    new = {path.name for path in (cache / "pdf-bagian").glob("*.pdf")} - printed
    assert [name.split("-")[0] for name in new] == ["bagian"]  # the edited service's part, nothing else
