"""JSON-LD: every block parses and carries what search engines need."""

from __future__ import annotations

import json

from conftest import Built


def blocks(built: Built, url: str) -> list[dict]:
    scripts = built.soup(url).find_all("script", type="application/ld+json")
    return [json.loads(script.string) for script in scripts]


def test_every_block_on_every_page_parses(lengkap: Built) -> None:
    count = 0
    for path in lengkap.html_files():
        for data in blocks(lengkap, "/" + path.relative_to(lengkap.root).as_posix()):
            assert data["@context"] == "https://schema.org"
            count += 1
    assert count >= 8


def test_government_service(lengkap: Built) -> None:
    [service] = blocks(lengkap, "/layanan/layanan-lengkap/")
    assert service["@type"] == "GovernmentService"
    assert service["name"] == "Layanan Lengkap"
    assert service["url"] == "https://kec-contoh.example.go.id/layanan/layanan-lengkap/"
    assert service["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Kecamatan Contoh",
        "url": "https://kec-contoh.example.go.id/",
    }
    assert service["areaServed"]["@type"] == "AdministrativeArea"
    assert service["serviceOutput"]["name"] == "Dokumen lengkap"
    assert service["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "IDR"}
    channels = {c["name"]: c for c in service["availableChannel"]}
    assert set(channels) == {"WhatsApp", "Loket", "Daring"}
    assert all(c["@type"] == "ServiceChannel" for c in channels.values())
    assert channels["WhatsApp"]["serviceUrl"] == "https://wa.me/628115550001"
    assert channels["Loket"]["serviceLocation"]["name"] == "Loket 2, Kantor Kecamatan Contoh"
    assert channels["Loket"]["processingTime"] == "P1D"
    assert channels["Daring"]["serviceUrl"] == "https://daring.example.go.id/ajukan"


def test_paid_service_has_its_price(lengkap: Built) -> None:
    [service] = blocks(lengkap, "/layanan/kedua/")
    assert service["offers"]["price"] == 50000
    assert [c["name"] for c in service["availableChannel"]] == ["Loket"]


def test_government_office_on_home_and_kelurahan_pages(lengkap: Built) -> None:
    [office] = blocks(lengkap, "/")
    assert office["@type"] == "GovernmentOffice"
    assert office["address"]["streetAddress"] == "Jalan Contoh Nomor 1"
    assert office["address"]["addressCountry"] == "ID"
    assert office["telephone"] == "0541 700100"
    assert [a["name"] for a in office["areaServed"]] == ["Kelurahan Desa A", "Kelurahan Desa B"]
    [village] = blocks(lengkap, "/kelurahan/desa-a/")
    assert village["@type"] == "GovernmentOffice"
    assert village["geo"] == {"@type": "GeoCoordinates", "latitude": -0.5, "longitude": 117.1}
    assert village["parentOrganization"]["name"] == "Kecamatan Contoh"


def test_office_on_the_contact_page(sample: Built) -> None:
    [office] = blocks(sample, "/kontak/")
    assert office["@type"] == "GovernmentOffice"
    assert "streetAddress" not in office["address"]  # still [ISI: ...]: left out, not published as fact


def test_special_announcement_and_news_article(lengkap: Built) -> None:
    [data] = blocks(lengkap, "/pengumuman/pengumuman-lengkap/")
    special, article = data["@graph"]
    assert special["@type"] == "SpecialAnnouncement"
    assert special["datePosted"] == "2026-11-01T09:30:00+08:00"
    assert special["expires"] == "2026-12-31"
    assert special["spatialCoverage"] == [{"@type": "AdministrativeArea", "name": "Kelurahan Desa A"}]
    assert special["text"] == "Ringkasan pengumuman lengkap."
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Pengumuman Lengkap"
    assert article["image"] == "https://kec-contoh.example.go.id/berkas/gambar.svg"


def test_script_end_tags_are_escaped(lengkap: Built) -> None:
    for path in lengkap.html_files():
        text = path.read_text(encoding="utf-8")
        for chunk in text.split('<script type="application/ld+json">')[1:]:
            assert "</" not in chunk.split("</script>")[0]


def test_json_in_a_script_element_cannot_end_or_hide_it() -> None:
    """'<!--<script>' would make the HTML parser swallow the rest of the page; U+2028 ends a JS line."""
    from layanan.structured import _script

    value = "a</script><!--<script>&b\u2028c\u2029"
    block = str(_script({"name": value}))
    inner = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert not set(inner) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(inner)["name"] == value
