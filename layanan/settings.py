"""The settings every site built with this package shares; a site's pelicanconf.py imports them.

A site repository's ``pelicanconf.py`` is ``from layanan.settings import *`` (plus
anything it overrides), and its ``publishconf.py`` the same with the production
switches: no copy of these lines, and no path patching. Relative paths (content,
output, cache) are resolved by Pelican next to the site's own settings file.
Everything about the office itself lives in content/situs.yaml.
"""

from pathlib import Path

from jinja2 import StrictUndefined

from layanan.content import routes

_PACKAGE = Path(__file__).resolve().parent
# Inside an installed wheel the theme is package data; in this repository it is ../theme.
THEME = str(_PACKAGE / "theme" if (_PACKAGE / "theme").is_dir() else _PACKAGE.parent / "theme")

PATH = "content"
OUTPUT_PATH = "output"
PLUGINS = ["layanan"]

SITEURL = ""  # links are root-relative; absolute ones use `url` from situs.yaml
RELATIVE_URLS = False
DEFAULT_LANG = "id"
TIMEZONE = "UTC"  # replaced by zona_waktu from situs.yaml when the plugin starts

# Our generator reads every kind of content; Pelican's own article and page
# generators read nothing and write nothing.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = INDEX_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Feeds are written by layanan/emit/feeds.py with feedgen; Pelican's are all off.
FEED_ATOM = FEED_RSS = FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

MARKDOWN = {
    "extensions": [
        "markdown.extensions.tables",
        "markdown.extensions.attr_list",
        "markdown.extensions.sane_lists",
        "markdown.extensions.toc",
    ],
    "output_format": "html5",
}

# A typo in a template is an error, not an empty string on a live page.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "undefined": StrictUndefined}

# content/berkas/ and the theme's static files are copied by the plugin (layanan/read/files.py):
# regular files only, checked, and a write error fails the build (Pelican's copy only logs it).
STATIC_PATHS: list[str] = []
THEME_STATIC_PATHS: list[str] = []
THEME_STATIC_DIR = routes.THEME
# Our reader remembers parsed files here, by content hash (Pelican's own mtime cache stays off).
CACHE_PATH = "cache"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False

LAYANAN_PER_PAGE = 10
# Pagefind re-indexes the whole site (seconds at thousands of pages): production
# builds always do it, development builds on request (invoke build --search).
LAYANAN_SEARCH = False
# The Standar Pelayanan PDFs (WeasyPrint, about 0.1 s a service on a cold build): production builds.
LAYANAN_PDF = False
