"""Calendars: each event's file and the subscribable ones, read by the icalendar package and imported by khal."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import LENGKAP, Built, build_site
from layanan.content import routes

WITA = ZoneInfo("Asia/Makassar")
DOMAIN = "kec-contoh.example.go.id"


def events(built: Built, url: str) -> dict[str, object]:
    calendar = Calendar.from_ical(built.path(url).read_bytes())
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_kecamatan_calendar_has_every_event_in_the_site_s_zone(lengkap: Built) -> None:
    calendar = Calendar.from_ical(lengkap.path("/kalender/kecamatan.ics").read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Makassar"]
    found = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(found) == {"Pengumuman Lengkap", "Pengumuman Desa B"}
    timed = found["Pengumuman Lengkap"]
    assert timed.decoded("dtstart") == dt.datetime(2026, 11, 30, 8, 0, tzinfo=WITA)
    assert timed.decoded("dtend") == dt.datetime(2026, 11, 30, 12, 0, tzinfo=WITA)
    assert str(timed["location"]) == "Kantor Kelurahan Desa A"
    assert str(timed["uid"]) == f"{routes.short_code('pengumuman', 'pengumuman-lama')}@{DOMAIN}"  # kept across edits
    whole_day = found["Pengumuman Desa B"]
    assert whole_day.decoded("dtstart") == dt.date(2026, 12, 7) and whole_day.decoded("dtend") == dt.date(2026, 12, 8)


def test_each_kelurahan_calendar_has_its_events_and_the_kecamatan_s(lengkap: Built) -> None:
    assert set(events(lengkap, "/kalender/kelurahan/desa-a.ics")) == {"Pengumuman Lengkap"}
    assert set(events(lengkap, "/kalender/kelurahan/desa-b.ics")) == {"Pengumuman Desa B"}
    assert lengkap.soup("/kelurahan/desa-a/").find("a", href="/kalender/kelurahan/desa-a.ics")


def test_an_event_s_own_file_is_linked_from_its_page(lengkap: Built) -> None:
    link = lengkap.soup("/pengumuman/pengumuman-lengkap/").find("a", href="/pengumuman/pengumuman-lengkap/acara.ics")
    assert link and link.get_text() == "Tambahkan ke kalender"
    assert set(events(lengkap, "/pengumuman/pengumuman-lengkap/acara.ics")) == {"Pengumuman Lengkap"}


@pytest.mark.parametrize(("day", "kept"), [("2026-12-20", True), ("2027-01-05", False)])
def test_past_events_stay_thirty_days(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, kept: bool) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime.fromisoformat(f"{day}T12:00+08:00").timestamp())))
    built = build_site(LENGKAP, tmp_path / "output")
    assert ("Pengumuman Lengkap" in events(built, "/kalender/kecamatan.ics")) == kept  # it ended on 30 November


def test_khal_imports_the_calendar_at_local_times(lengkap: Built, tmp_path: Path) -> None:
    store = tmp_path / "kalender"
    store.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[uji]]\npath = {store}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Asia/Makassar\ndefault_timezone = Asia/Makassar\n",
        encoding="utf-8",
    )
    home = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TZ": "Asia/Makassar"}
    command = ["khal", "-c", str(config)]
    subprocess.run([*command, "import", "--batch", "-a", "uji", str(lengkap.path("/kalender/kecamatan.ics"))],
                   check=True, capture_output=True, text=True, env=home)  # fmt: skip
    listed = subprocess.run(
        [*command, "list", "2026-11-29", "10d"], check=True, capture_output=True, text=True, env=home
    )
    assert "08:00-12:00 Pengumuman Lengkap" in listed.stdout, listed.stdout
    assert "Pengumuman Desa B" in listed.stdout


def test_a_calendar_with_no_events_is_still_a_valid_calendar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RFC 5545 wants at least one component: the site's VTIMEZONE is there when no event is."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2028, 1, 1, tzinfo=WITA).timestamp())))
    built = build_site(LENGKAP, tmp_path / "output")
    for url in ("/kalender/kecamatan.ics", "/kalender/kelurahan/desa-a.ics"):
        calendar = Calendar.from_ical(built.path(url).read_bytes())
        assert calendar.walk("VEVENT") == []
        assert [str(tz["tzid"]) for tz in calendar.subcomponents] == ["Asia/Makassar"]
        assert str(calendar["x-wr-timezone"]) == "Asia/Makassar"


def test_langganan_subscribes_and_unduh_downloads(lengkap: Built) -> None:
    for page, path in (("/", "/kalender/kecamatan.ics"), ("/kelurahan/desa-a/", "/kalender/kelurahan/desa-a.ics")):
        soup = lengkap.soup(page)
        subscribe = soup.find("a", string=lambda text: text and text.startswith("Langganan kalender"))
        assert subscribe["href"] == f"webcal://{DOMAIN}{path}"
        download = soup.find("a", href=path)
        assert download.get_text() == "unduh" and download.has_attr("download")
