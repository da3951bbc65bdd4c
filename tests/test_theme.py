"""Light and open pages: bytes loaded, hosts contacted, and the tags link previews need."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import Built

BUDGET = 30 * 1024


def load(page, url: str) -> list[tuple[str, int]]:
    """Every request the page makes while loading, with the bytes of each response body."""
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [(response.url, len(response.body())) for response in responses]


@pytest.mark.parametrize(
    "url", ["/layanan/layanan-lengkap/", "/layanan/panjang/", "/", "/layanan/", "/pengumuman/pengumuman-lengkap/"]
)
def test_page_and_everything_it_loads_is_small_and_local(page, serve, searchable: Built, url: str) -> None:
    base = serve(searchable)
    requests = load(page, base + url)
    assert requests
    hosts = {urlsplit(address).netloc for address, _ in requests}
    assert hosts == {urlsplit(base).netloc}
    total = sum(size for _, size in requests)
    assert total <= BUDGET, requests


def test_sample_service_page_is_small_and_local(page, serve, sample: Built) -> None:
    base = serve(sample)
    requests = load(page, base + "/layanan/ktp-el-baru/")
    assert {urlsplit(address).netloc for address, _ in requests} == {urlsplit(base).netloc}
    assert sum(size for _, size in requests) <= BUDGET


def test_service_page_needs_no_javascript(browser, serve, searchable: Built) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(searchable) + "/layanan/layanan-lengkap/")
    assert tab.locator("ul.ceklis li").count() == 3
    assert tab.get_by_role("link", name="Ajukan lewat WhatsApp").is_visible()
    context.close()


@pytest.mark.parametrize("url", ["/", "/layanan/kedua/", "/pengumuman/kecamatan/", "/kelurahan/desa-a/", "/info/"])
def test_link_preview_tags(searchable: Built, url: str) -> None:
    soup = searchable.soup(url)

    def meta(name: str) -> str:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        return tag["content"]

    assert meta("og:url") == "https://kec-contoh.example.go.id" + url
    assert meta("og:title") == soup.title.get_text()
    assert meta("og:description") == meta("description") != ""
    assert meta("og:image") == "https://kec-contoh.example.go.id/theme/bagikan.png"
    assert meta("twitter:card") == "summary_large_image"
    assert searchable.exists("/theme/bagikan.png")
