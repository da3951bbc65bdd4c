"""The Pelican generator that turns content/ into every page, feed and data file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from pelican.generators import Generator
from pelican.plugins import signals

from layanan.base import cache, parallel
from layanan.base.problems import ContentErrors, Problem
from layanan.content import receipts, schema, skm
from layanan.content.model import PENGELOLAAN, PROFILE, KolomSurvei, Pengelolaan
from layanan.emit import assets, feeds, kalender, nginx, opendata, pdf, sitemap
from layanan.read import files
from layanan.render import incremental, outputs, pesan, qr, structured
from layanan.render.filters import FILTERS, TESTS
from layanan.site.assemble import load
from layanan.site.index import Site


def feed_links(site: Site) -> list[dict[str, str]]:
    """The feeds every page advertises with <link rel="alternate">."""
    name = site.situs.nama
    return [
        {"href": "/" + feeds.MAIN_RSS, "type": "application/rss+xml", "title": f"Pengumuman {name} (RSS)"},
        {"href": "/" + feeds.MAIN_ATOM, "type": "application/atom+xml", "title": f"Pengumuman {name} (Atom)"},
        {"href": "/" + feeds.CHANGES, "type": "application/rss+xml", "title": "Perubahan persyaratan layanan (RSS)"},
    ]


_COMPILED: dict[str, bytes] = {}
_COMPILED_ALL: set[str] = set()  # code digests whose every template this process has compiled


class HeldTemplates(BytecodeCache):
    """Compiled templates kept in memory for the next build of this process (the build worker, livereload).

    Jinja compiles a template again when its source changed (the checksum); ``code`` (the plugin, the
    theme and the settings, JINJA_ENVIRONMENT among them) keeps builds with other options apart.
    """

    def __init__(self, code: str):
        self.code = code

    def load_bytecode(self, bucket: Bucket) -> None:
        if (compiled := _COMPILED.get(self.code + bucket.key)) is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _COMPILED[self.code + bucket.key] = bucket.bytecode_to_string()


class LayananGenerator(Generator):
    """Reads and checks everything in generate_context, writes everything in generate_output."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The plugin's code, theme and settings: part of every cache key, hashed once per build.
        self.code = cache.code_digest(self.settings)
        # Every value comes from a web form: escaped in every template, whatever the settings say.
        # Only what nh3 has sanitised (bodies) and what we build ourselves (QR, JSON-LD) is Markup.
        self.env.autoescape = True
        self.env.bytecode_cache = HeldTemplates(self.code)
        self.env.filters.update(FILTERS)
        self.env.tests.update(TESTS)
        fingerprints = (
            assets.fingerprints(Path(self.theme) / "static") if self.settings.get("LAYANAN_PRODUCTION") else {}
        )
        self.renamed = {fingerprinted: path for path, fingerprinted in fingerprints.items()}
        self.env.globals.update(
            structured=structured,
            qr_svg=qr.qr_svg,
            asset=lambda path: fingerprints.get(path, path),
            # The pengelolaan components in the order and words of Permenpan RB 15/2014 (the model's labels).
            pengelolaan=[(name, schema.fields_of(Pengelolaan)[name].label) for name in PENGELOLAAN],
            # The survey's elements and source (skm.yaml), and the profile columns' names (the model's labels).
            pesan_wa=pesan.announcement,
            pesan_konsultasi=pesan.consultation,
            unsur=skm.ELEMENTS,
            sumber=skm.SOURCE,
            mutu_skm=skm.ranges(),
            contoh_jawaban=skm.ANSWERS["persyaratan"],
            profil_label={name: schema.fields_of(KolomSurvei)[name].label for name in PROFILE},
            status_kata=receipts.STATUSES,
            kanal_kata=receipts.KANAL,
        )
        self._site: Site | None = None
        self.shared: dict[str, Any] = {}
        # What the build reports (build.py reads them from the generator once Pelican has run).
        self.problems: list[Problem] = []
        self.keys: dict[str, str] = {}
        self.others: list[str] = []
        self.kept: dict[str, list[Any]] = {}  # files a reused folder held as this build makes them
        self.counts: dict[str, int] = {}
        self.searched: list[str] = []
        self.redirects: frozenset[str] = frozenset()

    @property
    def site(self) -> Site:
        """What generate_context read; Pelican calls generate_output only after it."""
        assert self._site is not None
        return self._site

    def generate_context(self) -> None:
        site, problems = load(self.settings, self.code)
        self.problems = problems
        if site is None:
            raise ContentErrors(problems)
        self._site = site
        # What every page shows: part of every page's key, so a change here re-renders all.
        self.shared = {
            "situs": site.situs,
            "nav": [(p.judul, p.url) for p in site.menu()],
            "feed_links": feed_links(site),
            "subscribe_url": next((p.url for p in site.halaman if p.slug == "langganan"), "/" + feeds.MAIN_RSS),
            "unfinished": bool(site.placeholders),
            "office_jsonld": structured.office(site.situs, site.kelurahan),
        }
        self.context.update(self.shared)

    def generate_output(self, writer: Any) -> None:
        site = self.site
        planned = outputs.plan(site, self.settings["LAYANAN_PER_PAGE"], bool(self.settings.get("LAYANAN_PDF")))
        site_key = cache.digest(self.code, *(repr(v) for _, v in sorted(self.shared.items())))
        previous, known = incremental.previous_files(self.settings)
        keys = incremental.output_keys(site_key, planned)
        codes = qr.files(site)
        keys |= {relative: cache.digest("qr", address) for relative, address in codes}
        # A development build reuses the build folder before the live one (build/output.py): what it
        # holds unchanged stays, the rest goes before anything is written.
        spare = self.settings.get("LAYANAN_SPARE")
        reused = incremental.spare_manifest(self.settings, self.settings["LAYANAN_TARGET"], spare) if spare else None
        if reused is not None:
            incremental.clear(reused, keys, self.output_path)
        kept = reused["files"] if reused is not None else {}

        self.kept = {}

        def made(name: str) -> bool:
            if incremental.kept(kept, name, keys[name], self.output_path):
                self.kept[name] = kept[name]
                return True
            return incremental.link_previous(previous, known, name, keys[name], self.output_path)

        todo = [output for output in planned if not made(output.save_as)]
        # Rendering is independent per page: a cold build renders on every core. (Pelican's
        # content_written signal then fires in the worker that wrote the page.)
        parallel.fork_map(self.render, todo)
        for relative, address in codes:
            if not made(relative):
                qr.write_file(address, Path(self.output_path) / relative)
        static = self.settings["THEME_STATIC_DIR"]
        others = [
            f"{static}/{name}" for name in files.copy_tree(Path(self.theme) / "static", Path(self.output_path) / static)
        ]
        parts = cache.cache_dir(self.settings) / "pdf-bagian"
        printed = pdf.write_all(
            planned, site.situs.url, self.output_path, previous, known, keys, self.renamed, parts, self.code
        )
        others += files.copy_berkas(self.settings["PATH"], site.berkas, self.output_path)
        written = [nginx.write_alias_file([o for o in planned if o.template == "redirect"], self.output_path)]
        written += feeds.write_all(site, self.output_path)
        written += opendata.write(site, self.output_path)
        written += kalender.write_all(site, self.output_path)
        written += sitemap.write(site, outputs.sitemap_urls(planned), self.output_path)
        self.keys = keys
        self.others = others + written
        self.searched = outputs.searched_folders(planned)  # what search reads, and what needs no side files
        self.redirects = outputs.redirect_files(planned)
        self.counts = {"pages": len(planned), "rendered": len(todo), "pdf": printed, "other": len(written)}
        if cache.writes_deferred() and self.code not in _COMPILED_ALL:
            # A process that builds again and again (the editor's worker) compiles the whole theme at its
            # first build, at the editor's start: a clerk's first save renders with it ready.
            for name in self.env.list_templates(filter_func=lambda name: name.endswith(".html") and name[0] != "!"):
                self.get_template(name.removesuffix(".html"))
            _COMPILED_ALL.add(self.code)

    def render(self, output: outputs.Output) -> None:
        path = Path(self.output_path) / output.save_as
        variables = {
            **self.shared,
            "page_url": output.url,
            "canonical": self.site.situs.url + output.url,
            **output.vars,
        }
        html = self.get_template(output.template).render(variables)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # never write through a hard link the live build folder shares
        path.write_text(html, encoding="utf-8")
        signals.content_written.send(str(path), context=variables)
