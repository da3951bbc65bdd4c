"""The Pelican generator that turns content/ into every page, feed and data file."""

from __future__ import annotations

import logging
from typing import Any

from pelican.generators import Generator

from layanan import feeds, nginx, opendata, pages, qr, sitemap, structured
from layanan.filters import FILTERS, TESTS
from layanan.problems import ContentErrors
from layanan.site import Site, load

logger = logging.getLogger(__name__)


def feed_links(site: Site) -> list[dict[str, str]]:
    """The feeds every page advertises with <link rel="alternate">."""
    name = site.situs.nama
    return [
        {"href": "/" + feeds.MAIN_RSS, "type": "application/rss+xml", "title": f"Pengumuman {name} (RSS)"},
        {"href": "/" + feeds.MAIN_ATOM, "type": "application/atom+xml", "title": f"Pengumuman {name} (Atom)"},
        {"href": "/" + feeds.CHANGES, "type": "application/rss+xml", "title": "Perubahan persyaratan layanan (RSS)"},
    ]


class LayananGenerator(Generator):
    """Reads and checks everything in generate_context, writes everything in generate_output."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, readers_cache_name="LayananReaders", **kwargs)
        self.env.filters.update(FILTERS)
        self.env.tests.update(TESTS)
        self.env.globals["structured"] = structured
        self.site: Site | None = None
        self.written: list[str] = []

    def generate_context(self) -> None:
        site, problems = load(self.settings, self.readers)
        self.settings["LAYANAN_PROBLEMS"] = problems
        if site is None:
            raise ContentErrors(problems)
        self.site = site
        self.context.update(
            situs=site.situs,
            nav=[(p.title, p.url) for p in site.menu()],
            feed_links=feed_links(site),
            subscribe_url=next((p.url for p in site.halaman if p.slug == "langganan"), "/" + feeds.MAIN_RSS),
            build_time=site.now,
            placeholders=site.placeholders,
            office_jsonld=structured.office(site.situs, site.kelurahan),
        )

    def generate_output(self, writer: Any) -> None:
        site = self.site
        outputs = pages.plan(site, self.settings["LAYANAN_PER_PAGE"])
        for output in outputs:
            writer.write_file(
                output.save_as,
                self.get_template(output.template),
                self.context,
                url=output.url,
                page_url=output.url,
                canonical=site.situs.url + output.url,
                **output.vars,
            )
        self.written = [o.save_as for o in outputs]
        self.written += qr.write_files(site, self.output_path)
        self.written.append(nginx.write_alias_file([o for o in outputs if o.template == "redirect"], self.output_path))
        self.written += feeds.write_all(site, self.output_path)
        self.written.append(opendata.write(site, self.output_path))
        self.written += sitemap.write(site, pages.sitemap_urls(outputs), self.output_path)
        logger.info("layanan: %d berkas ditulis", len(self.written))
