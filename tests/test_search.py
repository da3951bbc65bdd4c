"""Search with Pagefind, in Chromium: synonyms find services, files load only when used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, Built
from layanan.emit import search as search_index
from layanan.render import outputs


def search(page, base: str, query: str, url: str = "/") -> list[str]:
    page.goto(base + url)
    page.fill("#cari-q", query)
    page.wait_for_selector(".cari-status:not(:empty)")
    return page.eval_on_selector_all(".cari-hasil a", "links => links.map(a => a.getAttribute('href'))")


def test_term_only_in_kata_kunci_finds_the_service(page, serve, searchable: Built) -> None:
    assert "sinonimunik" not in searchable.text("/layanan/kedua/")
    results = search(page, serve(searchable), "sinonimunik")
    assert results[0] == "/layanan/layanan-lengkap/"


def test_synonyms_put_ktp_el_services_first(page, serve, sample_searchable: Built) -> None:
    for query in ("e-ktp", "kartu tanda penduduk"):
        results = search(page, serve(sample_searchable), query, "/layanan/")
        assert results, query
        assert results[0].startswith("/layanan/ktp-el-"), (query, results)


def test_announcements_are_found(page, serve, searchable: Built) -> None:
    assert "/pengumuman/wib/" in search(page, serve(searchable), "WIB")


def test_drafts_and_future_announcements_are_not_in_the_index(page, serve, searchable: Built) -> None:
    base = serve(searchable)
    for query in ("rahasia", "draf"):
        assert search(page, base, query) == [], query
    assert "Tidak ada hasil" in page.text_content(".cari-status")


def test_search_files_load_only_when_used(page, serve, searchable: Built) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    base = serve(searchable)
    page.goto(base + "/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]
    page.fill("#cari-q", "layanan")
    page.wait_for_selector(".cari-hasil a")
    assert [url for url in requests if url.endswith("/pagefind/pagefind.js")]


def test_without_javascript_the_box_is_a_link(browser, serve, searchable: Built) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(searchable) + "/")
    assert tab.locator("#cari-q").count() == 0
    assert tab.locator("[data-cari] a").get_attribute("href") == "/layanan/"
    context.close()


def test_index_only_covers_content_pages(searchable: Built) -> None:
    for url in ("/layanan/kedua/", "/pengumuman/kecamatan/", "/info/"):
        assert "data-pagefind-body" in searchable.text(url)
    for url in ("/", "/layanan/", "/pengumuman/", "/404.html"):
        assert "data-pagefind-body" not in searchable.text(url)


def test_the_templates_search_reads_are_the_ones_that_mark_their_text() -> None:
    marked = {p.stem for p in (ROOT / "theme" / "templates").glob("*.html") if "data-pagefind-body" in p.read_text()}
    assert marked == set(outputs.SEARCHED)


def test_every_page_marked_for_search_is_in_the_index_and_nothing_else(searchable: Built) -> None:
    """Pagefind reads only the folders of searched pages (not the short links): it still finds every one."""
    marked = [
        path
        for path in searchable.root.rglob("*.html")
        if "pagefind" not in path.relative_to(searchable.root).parts and "data-pagefind-body" in path.read_text()
    ]
    entry = json.loads((searchable.root / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(marked) > 10
    assert (searchable.root / "s").is_dir()


def test_a_site_with_no_page_marked_for_search_still_gets_an_index(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><html lang="id"><body><main>Kantor</main></body></html>')
    search_index.finish(search_index.start(tmp_path, []), tmp_path)
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()


# Words that appear only in a service's requirements, steps or product, or on a kelurahan page.
BY_REQUIREMENT = [
    ("kepolisian", "/layanan/ktp-el-hilang-rusak/"),
    ("kartu keluarga", "/layanan/ktp-el-baru/"),
    ("kartu keluarg", "/layanan/ktp-el-baru/"),
]


def test_requirements_steps_and_products_are_searchable(page, serve, sample_searchable: Built) -> None:
    base = serve(sample_searchable)
    for query, expected in BY_REQUIREMENT:
        results = search(page, base, query, "/layanan/")
        assert expected in results, (query, results)


def test_kelurahan_pages_are_searchable(page, serve, sample_searchable: Built) -> None:
    village = sample_searchable.soup("/kelurahan/").select_one(".butir a")
    results = search(page, serve(sample_searchable), village.get_text(), "/layanan/")
    assert village["href"] in results


def test_excerpts_keep_labels_apart_from_values(page, serve, sample_searchable: Built) -> None:
    search(page, serve(sample_searchable), "biaya gratis", "/layanan/")
    excerpts = page.eval_on_selector_all(".cari-hasil p", "ps => ps.map(p => p.textContent)")
    assert excerpts
    assert not [e for e in excerpts if "BiayaGratis" in e or "Waktu1" in e], excerpts


def test_an_index_missing_what_its_entry_file_lists_is_found_incomplete(searchable: Built, tmp_path: Path) -> None:
    """Pagefind 1.5 exits 0 when its writes fail (a full disk): the build checks the index it wrote."""
    index = tmp_path / "pagefind"
    shutil.copytree(searchable.root / "pagefind", index)
    assert search_index.incomplete(index) == ""
    fragments = sorted((index / "fragment").glob("*.pf_fragment"))
    fragments[0].write_bytes(b"")
    assert search_index.incomplete(index) == f"{len(fragments) - 1} dari {len(fragments)} fragmen halaman"
    next(index.glob("pagefind.*.pf_meta")).unlink()
    assert search_index.incomplete(index).endswith(".pf_meta")
    (index / "pagefind-entry.json").write_text("{", encoding="utf-8")
    assert search_index.incomplete(index) == "pagefind-entry.json"
