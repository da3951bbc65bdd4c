"""Pelican defaults that would break DESIGN.md are off, and the plugin really registers."""

from __future__ import annotations

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from conftest import LENGKAP, PUBLISH_SETTINGS, ROOT, SAMPLE, SETTINGS
from layanan.site.assemble import situs_of


@pytest.fixture(params=[SETTINGS, PUBLISH_SETTINGS], ids=["pelicanconf", "publishconf"])
def settings(request: pytest.FixtureRequest) -> dict:
    return read_settings(str(request.param), override={"PATH": str(SAMPLE)})


def test_pelican_feeds_are_off(settings: dict) -> None:
    feed_settings = {
        k: v
        for k, v in settings.items()
        if "FEED" in k and not k.startswith(("FEED_MAX", "RSS_FEED", "FEED_APPEND", "FEED_DOMAIN"))
    }
    assert feed_settings and all(v is None for v in feed_settings.values()), feed_settings


def test_no_category_tag_author_or_archive_pages(settings: dict) -> None:
    for key in (
        "CATEGORY_SAVE_AS",
        "TAG_SAVE_AS",
        "AUTHOR_SAVE_AS",
        "ARCHIVES_SAVE_AS",
        "AUTHORS_SAVE_AS",
        "CATEGORIES_SAVE_AS",
        "TAGS_SAVE_AS",
        "YEAR_ARCHIVE_SAVE_AS",
        "MONTH_ARCHIVE_SAVE_AS",
        "DAY_ARCHIVE_SAVE_AS",
    ):
        assert settings[key] == "", key
    assert settings["DIRECT_TEMPLATES"] == []  # no second index.html


def test_no_drafts_folder_and_no_pelican_articles_or_pages(settings: dict) -> None:
    assert settings["DRAFT_SAVE_AS"] == "" and settings["DRAFT_PAGE_SAVE_AS"] == ""
    assert settings["ARTICLE_PATHS"] == [] and settings["PAGE_PATHS"] == []


def test_plugin_registers_its_generator(settings: dict) -> None:
    pelican = Pelican(settings)
    assert [getattr(p, "__name__", p) for p in pelican.plugins] == ["layanan"]
    assert pelican.settings["TIMEZONE"] == "Asia/Makassar"  # from situs.yaml, not from settings
    generators = [g.__name__ for g in pelican._get_generator_classes()]
    assert "LayananGenerator" in generators


def test_publish_settings_take_the_address_from_the_content_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another office's content folder, built with production settings, gets its own domain."""

    def address() -> str:
        situs, _ = situs_of(Pelican(read_settings(str(PUBLISH_SETTINGS), override={"PATH": str(LENGKAP)})).settings)
        assert situs is not None
        return situs.url

    assert address() == "https://kec-contoh.example.go.id"
    monkeypatch.setenv("SITEURL", "https://uji.example.go.id/")
    assert address() == "https://uji.example.go.id"


def test_nothing_outside_content_names_the_kecamatan() -> None:
    """Another kecamatan adopts the project by replacing content/ alone."""
    theme = [p for p in (ROOT / "theme").rglob("*") if p.suffix in (".html", ".css", ".js", ".svg")]
    code = list(ROOT.glob("*.py")) + list((ROOT / "layanan").rglob("*.py")) + theme
    for path in code:
        text = path.read_text(encoding="utf-8").lower()
        for name in ("sungai kunjang", "samarinda", "kec-sungai-kunjang"):
            assert name not in text, (path, name)
    for path in [*ROOT.glob("*.py"), *theme]:
        assert "asia/" not in path.read_text(encoding="utf-8").lower(), path
