"""Accessibility proven in Chromium: axe-core (WCAG 2.2 A/AA), keyboard, 360 px, tap targets."""

from __future__ import annotations

import pytest
from checkers import axe, summary

from conftest import Built

PAGE_TYPES = [
    "/",
    "/layanan/",
    "/layanan/layanan-lengkap/",
    "/layanan/panjang/",
    "/layanan/kedua/",
    "/layanan/layanan-lengkap/poster/",
    "/poster/",
    "/layanan/layanan-lengkap/standar/",
    "/standar-pelayanan/",
    "/maklumat/",
    "/maklumat/poster/",
    "/survei/",
    "/survei/2026/",
    "/ringkasan/",
    "/ringkasan/desa-a/",
    "/cek/",
    "/status/",
    "/status/K7MQ-2XDA/",
    "/status/tidak-ditemukan/",
    "/kinerja/",
    "/pengumuman/",
    "/pengumuman/pengumuman-lengkap/",
    "/pengumuman/kedaluwarsa/",
    "/kelurahan/",
    "/kelurahan/desa-a/",
    "/info/",
    "/404.html",
]
SAMPLE_PAGES = ["/", "/layanan/ktp-el-baru/", "/pengumuman/perekaman-ktp-el-keliling/", "/langganan/"]


@pytest.mark.parametrize("width", [1024, 360])
@pytest.mark.parametrize("url", PAGE_TYPES)
def test_axe_finds_no_wcag_violation(page, serve, searchable: Built, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(serve(searchable) + url)
    result = axe(page)
    assert len(result["passes"]) >= 10  # axe really ran
    assert summary(result["violations"]) == []


@pytest.mark.parametrize("url", SAMPLE_PAGES)
def test_axe_on_the_sample_site_with_placeholders(page, serve, sample: Built, url: str) -> None:
    page.goto(serve(sample) + url)
    result = axe(page)
    assert len(result["passes"]) >= 10
    assert summary(result["violations"]) == []


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_sideways_scrolling_at_360px(page, serve, searchable: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(searchable) + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;                      // not shown (print-only, hidden)
    const block = el.closest('p, li, dd, td, figcaption');
    const inline = block && block.textContent.trim() !== el.textContent.trim()
                   && !el.matches('.tombol, nav a, .butir > a, .kisi a, .langkah-langkah a');
    if (inline) continue;                                          // WCAG 2.5.8: inline in a sentence
    if (box.width < 24 || box.height < 24) small.push(`${el.tagName} ${el.textContent.trim().slice(0, 30)} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_tap_targets_at_least_24px(page, serve, searchable: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(searchable) + url)
    assert page.evaluate(TARGETS) == []


def test_skip_link_is_first_visible_on_focus_and_works(page, serve, searchable: Built) -> None:
    page.goto(serve(searchable) + "/layanan/layanan-lengkap/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#isi"
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "isi"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.getElementById('isi').contains(document.activeElement)")
    assert inside_main


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return {tag: el.tagName, text: (el.textContent || el.id).trim().slice(0, 30),
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
          inView: (() => { const b = el.getBoundingClientRect(); return b.bottom > 0 && b.top < innerHeight; })()};
}"""


@pytest.mark.parametrize("url", ["/", "/layanan/layanan-lengkap/", "/pengumuman/pengumuman-lengkap/"])
def test_focus_is_always_visible(page, serve, searchable: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(searchable) + url)
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "BODY":
            break
        seen += 1
        assert state["visible"], state
        assert state["inView"], state
    assert seen >= 10


def test_the_axe_harness_can_fail(page) -> None:
    page.set_content('<html lang="id"><body><main><img src="x.png"><a href="/x"></a></main></body></html>')
    ids = {v["id"] for v in axe(page)["violations"]}
    assert {"image-alt", "link-name"} <= ids


BUTTONS = """() => [...document.querySelectorAll('.tombol')].filter(b => b.getBoundingClientRect().width).map(b => {
  const s = getComputedStyle(b), box = b.getBoundingClientRect();
  return {text: b.textContent.trim(), height: box.height, left: parseFloat(s.paddingLeft), top: parseFloat(s.paddingTop)};
})"""


@pytest.mark.parametrize("width", [360, 1024])
@pytest.mark.parametrize(
    "url", ["/", "/layanan/layanan-lengkap/", "/layanan/kedua/", "/pengumuman/pengumuman-lengkap/"]
)
def test_primary_actions_look_like_buttons(page, serve, searchable: Built, url: str, width: int) -> None:
    """Computed style, not only the tap target: 44 px high with padding the text does not touch."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(serve(searchable) + url)
    buttons = page.evaluate(BUTTONS)
    assert buttons
    for button in buttons:
        assert button["height"] >= 44 and button["left"] >= 12 and button["top"] >= 8, button


LONG_WORD = "Penyelenggaraanadministrasikependudukanterpadu"
LONG_EMAIL = "layanan.informasi.publik.kecamatan@kecamatan-contoh-yang-namanya-panjang.samarindakota.go.id"
LONG_URL = "https://pelayanan-daring.kecamatan-contoh-yang-namanya-panjang.example.go.id/permohonan/surat-keterangan-tidak-mampu/formulir-isian-lengkap"
LONG_FILE = "formulir-permohonan-surat-keterangan-ahli-waris-untuk-seluruh-kelurahan-tahun-2026.pdf"


@pytest.fixture(scope="module")
def long_values(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Real-world values with no place to break: e-mail, URL, compound words, file names."""
    import shutil

    from conftest import EPOCH, LENGKAP, build_site

    content = tmp_path_factory.mktemp("panjang") / "content"
    shutil.copytree(LENGKAP, content)
    situs = content / "situs.yaml"
    situs.write_text(
        situs.read_text(encoding="utf-8")
        .replace("email: layanan@kec-contoh.example.go.id", f"email: {LONG_EMAIL}")
        .replace("alamat: Jalan Contoh Nomor 1", f"alamat: Jalan {LONG_WORD} Nomor 1"),
        encoding="utf-8",
    )
    (content / "berkas" / LONG_FILE).write_bytes(b"%PDF-1.4\n")
    service = content / "layanan" / "kedua.md"
    service.write_text(
        service.read_text(encoding="utf-8").replace(
            "produk: Surat keterangan",
            f"produk: Surat {LONG_WORD}\nformulir:\n  - judul: {LONG_FILE}\n    berkas: {LONG_FILE}\n"
            f"kata_kunci:\n  - {LONG_WORD}\ntempat: {LONG_URL}",
        ),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_site(content, content.parent / "output")


@pytest.mark.parametrize(
    "url", ["/", "/layanan/kedua/", "/kelurahan/", "/pengumuman/", "/layanan/kedua/poster/", "/layanan/kedua/standar/"]
)
def test_long_unbroken_values_wrap_at_360px(page, serve, long_values: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(long_values) + url)
    assert LONG_WORD in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


# A word split across two lines inside a table cell: its letters' boxes sit on more than one line. Addresses
# (with / @ . :) may break where they must, and a line may end at a hyphen or dash ("rata-|rata", "25–|100");
# words, numbers ("74,31") and names may not break anywhere else.
SPLIT_WORDS = """() => {
  const split = [];
  for (const table of document.querySelectorAll('table')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('a')) continue;
      for (const match of node.nodeValue.matchAll(/[^\\s\\-\u2013\u2014]+/g)) {
        if (/[\\/@.:]/.test(match[0]) || match[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize(
    "url", ["/layanan/layanan-lengkap/standar/", "/standar-pelayanan/", "/survei/", "/survei/2026/", "/maklumat/"]
)
def test_no_word_in_a_table_is_broken_at_360px(page, serve, searchable: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(searchable) + url)
    assert page.locator("table").count() > 0 or url == "/maklumat/"
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("url", ["/layanan/ktp-el-baru/standar/", "/standar-pelayanan/"])
def test_no_word_in_the_sample_s_standard_tables_is_broken_at_360px(page, serve, sample: Built, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(serve(sample) + url)
    assert page.evaluate(SPLIT_WORDS) == []
