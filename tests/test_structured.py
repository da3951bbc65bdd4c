"""JSON-LD: every block parses and carries what search engines need."""

from __future__ import annotations

import json

import pytest

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
    assert "processingTime" not in channels["Loket"]  # "1 hari kerja": working days are no fixed duration
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
    assert office["telephone"] == "+62541700100"  # E.164
    assert office["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")],
            "opens": "08:00",
            "closes": "15:00",
        }
    ]
    assert "openingHours" not in office
    assert [a["name"] for a in office["areaServed"]] == ["Kelurahan Desa A", "Kelurahan Desa B"]
    [village] = blocks(lengkap, "/kelurahan/desa-a/")
    assert village["@type"] == "GovernmentOffice"
    assert village["geo"] == {"@type": "GeoCoordinates", "latitude": -0.5, "longitude": 117.1}
    assert village["parentOrganization"]["name"] == "Kecamatan Contoh"


def test_office_on_the_contact_page(sample: Built) -> None:
    [office] = blocks(sample, "/kontak/")
    assert office["@type"] == "GovernmentOffice"
    assert "streetAddress" not in office["address"]  # still [ISI: ...]: left out, not published as fact


def test_important_announcement_is_a_special_announcement_tied_to_its_article(lengkap: Built) -> None:
    [data] = blocks(lengkap, "/pengumuman/pengumuman-lengkap/")
    special, article = data["@graph"]
    assert special["@type"] == "SpecialAnnouncement"
    assert special["subjectOf"] == {"@id": article["@id"]}
    assert article["@id"] == "https://kec-contoh.example.go.id/pengumuman/pengumuman-lengkap/#berita"
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
    from layanan.render.structured import _script

    value = "a</script><!--<script>&b\u2028c\u2029"
    block = str(_script({"name": value}))
    inner = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert not set(inner) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(inner)["name"] == value


def test_ordinary_announcement_is_a_news_article_only(lengkap: Built) -> None:
    [data] = blocks(lengkap, "/pengumuman/wib/")
    assert data["@type"] == "NewsArticle" and "@graph" not in data


@pytest.mark.parametrize(
    ("waktu", "duration"),
    [("15 menit", "PT15M"), ("2 jam", "PT2H"), ("3 hari", "P3D"), ("14 hari kerja", None), ("Segera", None)],
)
def test_processing_time(waktu: str, duration: str | None) -> None:
    from layanan.render.structured import processing_time

    assert processing_time(waktu) == duration


@pytest.mark.parametrize(
    ("text", "days", "opens", "closes"),
    [
        ("Senin-Kamis 08.00-15.00; Jumat 08.00-11.00", [4, 1], ["08:00", "08:00"], ["15:00", "11:00"]),
        ("Senin–Sabtu 7:30–12:00", [6], ["07:30"], ["12:00"]),
        ("Setiap hari kerja", None, None, None),
        ("[ISI: jam layanan]", None, None, None),
    ],
)
def test_opening_hours_from_the_documented_format(text: str, days, opens, closes) -> None:
    from layanan.render.structured import opening_hours

    specs = opening_hours(text)
    if days is None:
        assert specs is None
        return
    assert [len(s["dayOfWeek"]) for s in specs] == days
    assert [s["opens"] for s in specs] == opens and [s["closes"] for s in specs] == closes


def test_text_fee_is_an_offer_without_a_price(sample: Built) -> None:
    [service] = blocks(sample, "/layanan/rekomendasi-pbg/")
    assert service["offers"] == {
        "@type": "Offer",
        "priceCurrency": "IDR",
        "description": "Dikenakan retribusi PBG sesuai peraturan daerah",
    }
