"""One router: every address and file name the build writes comes from layanan/content/routes.py."""

from __future__ import annotations

from conftest import Built
from layanan.content import routes


def test_items_live_in_their_kind_s_folder_and_pages_at_the_top():
    assert routes.item("layanan", "ktp-el-baru") == routes.Route(
        "/layanan/ktp-el-baru/", "layanan/ktp-el-baru/index.html"
    )
    assert routes.item("pengumuman", "rekam").save_as == "pengumuman/rekam/index.html"
    assert routes.item("kelurahan", "loa-buah").url == "/kelurahan/loa-buah/"
    assert routes.item("halaman", "kontak") == routes.Route("/kontak/", "kontak/index.html")


def test_a_service_s_poster_and_qr_code_sit_in_its_folder():
    service = routes.item("layanan", "sktm")
    assert routes.poster(service) == routes.Route("/layanan/sktm/poster/", "layanan/sktm/poster/index.html")
    assert routes.qr_file(service) == "layanan/sktm/qr.svg"


def test_every_top_level_folder_the_build_writes_is_reserved(lengkap: Built):
    """A page named like one of them would overwrite it; new folders must be routed here first."""
    pages = {"info", "tanpa-menu"}  # the fixture's own halaman
    written = {p.name for p in lengkap.root.iterdir() if p.is_dir()} - pages
    assert written <= routes.RESERVED, written - routes.RESERVED
    assert {"layanan", "pengumuman", "kelurahan", "feeds", "api", "berkas", "poster", "theme"} <= written


def test_the_built_addresses_are_the_router_s(lengkap: Built):
    for kind, slug in (("layanan", "layanan-lengkap"), ("pengumuman", "pengumuman-lengkap"), ("kelurahan", "desa-a")):
        route = routes.item(kind, slug)
        assert (lengkap.root / route.save_as).is_file(), route
        assert f"<loc>https://kec-contoh.example.go.id{route.url}</loc>" in lengkap.text("/sitemap.xml")
    assert (lengkap.root / routes.poster(routes.item("layanan", "layanan-lengkap")).save_as).is_file()
    assert (lengkap.root / routes.qr_file(routes.item("layanan", "layanan-lengkap"))).is_file()
    assert (lengkap.root / routes.POSTER_INDEX.save_as).is_file()
