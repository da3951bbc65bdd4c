"""``python -m layanan``: check, build, serve and live preview, with messages for staff.

Exit status (DESIGN.md): 0 clean (warnings allowed), 1 content errors,
2 a problem outside content/ (settings, theme, plugin, usage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import shlex
import sys
import threading
from pathlib import Path
from typing import Any

from pelican import Pelican

from layanan import __version__
from layanan.base import cache
from layanan.base.problems import ConfigError, ContentErrors, Problem, display_path, errors, report
from layanan.build.output import DiskFull, build, settings_for
from layanan.editor import commands
from layanan.emit import nginx
from layanan.read import situsyaml
from layanan.site.assemble import load
from layanan.site.index import Site
from layanan.tools import new, publish, scaffold, snapshot
from layanan.tools.serve import make_server, serve


def _print_problems(problems: list[Problem], as_json: bool = False, stream: Any = None) -> None:
    """DESIGN.md's lines for staff, or with ``as_json`` one JSON record per line, for programs."""
    stream = stream or sys.stderr
    if as_json:
        for problem in sorted(set(problems)):
            print(json.dumps(problem.record(), ensure_ascii=False), file=stream)
    elif problems:
        print(report(problems), file=stream)


def _placeholders(site: Site) -> list[Problem]:
    return [Problem(path, line, key, "masih berisi [ISI: ...]; lengkapi sebelum terbit", True, "isian")
            for path, line, key in site.placeholders]  # fmt: skip


def _failed(problems: list[Problem], strict: bool) -> bool:
    return bool(errors(problems)) or (strict and bool(problems))


def _load(settings_file: str, overrides: dict[str, Any]) -> tuple[Site | None, list[Problem]]:
    """Read and check all content as the build would, without writing anything."""
    pelican = Pelican(settings_for(settings_file, **overrides))  # registers the plugin, loads situs.yaml
    return load(pelican.settings, cache.code_digest(pelican.settings))


def check(settings_file: str, strict: bool, overrides: dict[str, Any], as_json: bool = False) -> int:
    """Read and check all content without writing the site."""
    site, problems = _load(settings_file, overrides)
    if as_json:  # every record on stdout: the problems, then the blanks left
        _print_problems(problems + (_placeholders(site) if site else []), True, sys.stdout)
        return 1 if site is None or _failed(problems, strict) else 0
    _print_problems(problems)
    if site is None or _failed(problems, strict):
        return 1
    print(
        f"Semua berkas baik: {len(site.layanan)} layanan, {len(site.pengumuman)} pengumuman, "
        f"{len(site.kelurahan)} kelurahan, {len(site.halaman)} halaman."
    )
    if site.placeholders:
        for path, line, key in site.placeholders:
            print(f"{path}:{line}: {key}: masih berisi [ISI: ...]; lengkapi sebelum terbit")
        print(f"Masih ada {len(site.placeholders)} isian [ISI: ...] yang harus dilengkapi sebelum terbit.")
    return 0


def _build_and_report(
    settings_file: str, output: str | None, overrides: dict[str, Any], as_json: bool = False
) -> tuple[list[Problem], bool]:
    """Build once and print what staff need to know; returns the problems and whether it built."""
    try:
        result = build(settings_file, output, **overrides)
    except ContentErrors as exc:
        _print_problems(exc.problems, as_json)
        if not as_json:
            print("Situs TIDAK diperbarui; perbaiki kesalahan di atas lalu coba lagi.", file=sys.stderr)
        return exc.problems, False
    _print_problems(result.problems, as_json)
    counts = result.counts
    print(
        f"Situs dibangun di {result.output} ({result.files} berkas, {result.seconds:.2f} detik; "
        f"{counts.get('rendered', 0)} dari {counts.get('pages', 0)} halaman dibuat ulang"
        + (f"; {counts['pdf']} PDF dicetak" if counts.get("pdf") else "")
        + ").",
        flush=True,
    )
    return result.problems, True


def run_build(
    settings_file: str,
    output: str | None,
    strict: bool = False,
    overrides: dict[str, Any] | None = None,
    as_json: bool = False,
) -> int:
    problems, built = _build_and_report(settings_file, output, overrides or {}, as_json)
    return 0 if built and not _failed(problems, strict) else 1


def livereload(settings_file: str, output: str | None, port: int, overrides: dict[str, Any]) -> int:
    """Rebuild on every save under content/ and theme/; while content is broken, pages show why."""
    from watchfiles import watch

    settings = settings_for(settings_file, **overrides)
    target = output or settings["OUTPUT_PATH"]
    shown: list[str] = []

    def rebuild() -> None:
        try:
            with cache.written_after():  # the read cache once the page is there to reload
                problems, built = _build_and_report(settings_file, output, overrides)
            shown[:] = [] if built else [str(p) for p in sorted(set(errors(problems)))]
        except ConfigError as exc:  # a broken template while editing the theme: show it, keep watching
            print(f"Kesalahan pengaturan: {exc}", file=sys.stderr, flush=True)
            shown[:] = [f"Kesalahan pengaturan atau templat: {exc}"]

    server = make_server(target, port, problems=lambda: shown)  # a port in use stops us before any build
    rebuild()
    # Serve only once the watcher runs (its first batch, empty after the timeout), so no save made
    # after the first page was seen can be missed.
    changes = watch(settings["PATH"], settings["THEME"], yield_on_timeout=True, rust_timeout=300)
    if next(changes):
        rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Pratinjau di http://127.0.0.1:{port}/ ; setiap berkas disimpan, situs dibangun ulang.", flush=True)
    try:
        for batch in changes:
            if batch:
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def run_new(settings_file: str, overrides: dict[str, Any], kind: str, title: str) -> int:
    """Write a new draft from the template for ``kind``; never overwrites."""
    settings = settings_for(settings_file, **overrides)
    situs, problems = situsyaml.load(settings["PATH"])
    if situs is None:
        _print_problems(problems)
        return 1
    try:
        path = new.create(kind, title, settings["PATH"], situs)
    except new.NewFileError as exc:
        print(f"Tidak dibuat: {exc}", file=sys.stderr)
        return 1
    print(f"Berkas baru: {display_path(path)} (masih draf; isi bagian [ISI: ...] lalu jalankan invoke check)")
    return 0


def _target() -> tuple[publish.Target, list[str]]:
    env_file = Path(".env")
    target = publish.target_from(
        publish.setting("PUBLISH_TARGET", env_file), publish.setting("PUBLISH_SSH", env_file, "ssh")
    )
    return target, shlex.split(publish.setting("PUBLISH_RSYNC_ARGS", env_file))


PUBLISH_FOLDER = Path(".publish")


def run_publish(settings_file: str, overrides: dict[str, Any], first: bool = False) -> int:
    """Check, refuse placeholders, build for production, upload a release and make it current."""
    target, extra = _target()
    content = Path(overrides.get("PATH") or settings_for(settings_file)["PATH"])
    with publish.lock(PUBLISH_FOLDER / "kunci"):
        return _publish(settings_file, overrides, target, extra, first, content, whole=True)


def run_publish_status(settings_file: str, overrides: dict[str, Any]) -> int:
    """Publish the status records as they are now on the live release's own content (the 5-minute timer)."""
    target, extra = _target()
    content = Path(overrides.get("PATH") or settings_for(settings_file)["PATH"])
    with publish.lock(PUBLISH_FOLDER / "kunci"):
        if not snapshot.status_changed(PUBLISH_FOLDER, content):
            print("Status berkas tidak berubah sejak terbit terakhir; tidak ada yang diterbitkan.")
            return 0
        built_on = snapshot.release(PUBLISH_FOLDER)
        live = publish.releases(target)[1] if built_on else None
        if built_on is None or live != built_on:
            why = (
                f"rilis yang tayang ({live}) bukan rilis {built_on} yang diterbitkan dari mesin ini"
                if built_on
                else "belum ada terbit lengkap yang tercatat di mesin ini (atau situs baru dikembalikan ke rilis lama)"
            )
            then = "Jalankan invoke publish; sesudah itu status terbit lagi sendiri."
            print(f"Status berkas belum diterbitkan: {why}. {then}", file=sys.stderr)
            return 1
        composed = {**overrides, "PATH": str(snapshot.compose(PUBLISH_FOLDER, content).resolve())}
        if _load(settings_file, composed)[0] is None:
            # A record names what the live release does not have yet (a service saved since): the whole
            # site goes out now, as the hourly publish would send it.
            print("Catatan status menyebut isi yang belum terbit; seluruh situs diterbitkan.", flush=True)
            return _publish(settings_file, overrides, target, extra, False, content, whole=True)
        return _publish(settings_file, composed, target, extra, False, content, whole=False)


def _publish(
    settings_file: str,
    overrides: dict[str, Any],
    target: publish.Target,
    extra: list[str],
    first: bool,
    content: Path,
    whole: bool,
) -> int:
    """Publish PATH: content/ itself (``whole``), or the live release's copy with ``content``'s status records."""
    site, problems = _load(settings_file, overrides)
    _print_problems(problems)
    if site is None:
        print("Penerbitan dibatalkan; situs yang terbit tidak berubah.", file=sys.stderr)
        return 1
    if site.placeholders:
        for path, line, key in site.placeholders:
            print(f"{path}:{line}: {key}: masih berisi [ISI: ...]; lengkapi sebelum terbit", file=sys.stderr)
        count = len(site.placeholders)
        print(f"Penerbitan dibatalkan: {count} isian [ISI: ...] belum dilengkapi.", file=sys.stderr)
        return 1
    if whole:
        snapshot.keep(content, PUBLISH_FOLDER)
    output = PUBLISH_FOLDER / ("situs" if whole else "situs-status")
    result = build(settings_file, str(output), **overrides)
    print(f"Situs produksi dibangun ({result.files} berkas, {result.seconds:.2f} detik); mengunggah...", flush=True)
    name, stats = publish.deploy(result.output, target, extra, dt.datetime.now(dt.UTC), first)
    snapshot.published(PUBLISH_FOLDER, name, whole)
    print(
        f"Terbit: rilis {name} kini tayang. Dikirim {stats['files']} berkas, "
        f"{stats['sent_bytes']} dari {stats['total_bytes']} bita."
    )
    return 0


def rollback() -> int:
    target, _ = _target()
    with publish.lock(PUBLISH_FOLDER / "kunci"):
        name = publish.rollback(target)
        snapshot.forget(PUBLISH_FOLDER)
    print(f"Kembali ke rilis {name}; situs kini menayangkan rilis itu.")
    return 0


def list_releases() -> int:
    target, _ = _target()
    names, current = publish.releases(target)
    for name in names:
        print(f"{'*' if name == current else ' '} {name}")
    if not names:
        print("Belum ada rilis.")
    return 0


def nginx_config(settings_file: str, overrides: dict[str, Any], site: str) -> int:
    """Print deploy/nginx.conf for this site's domain (from situs.yaml) and folder."""
    settings = settings_for(settings_file, **overrides)
    situs, problems = situsyaml.load(settings["PATH"])
    if situs is None:
        _print_problems(problems)
        return 1
    try:
        print(nginx.render(situs.domain, site), end="")
    except nginx.NginxError as exc:
        print(f"Tidak dibuat: {exc}", file=sys.stderr)
        return 2
    return 0


def init_site(args: argparse.Namespace) -> int:
    """Write a new site repository; exit 2 when it cannot (a usage problem, not content)."""
    try:
        site = scaffold.office(args.kecamatan, args.kota, args.kelurahan, args.domain, args.zona_waktu)
        written = scaffold.create(args.folder, site)
    except scaffold.ScaffoldError as exc:
        print(f"Tidak dibuat: {exc}", file=sys.stderr)
        return 2
    print(
        f"Situs {site.nama} dibuat di {args.folder} ({len(written)} berkas). Berikutnya: masuk ke folder itu, "
        "pasang paketnya (python3 -m venv .venv && .venv/bin/pip install -r requirements.txt), lengkapi "
        "isian [ISI: ...] lalu jalankan .venv/bin/invoke check."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layanan", description="Situs informasi layanan kecamatan")
    parser.add_argument("--version", action="version", version=f"layanan {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("check", "periksa semua konten tanpa membangun situs"),
        ("build", "bangun situs ke folder hasil"),
        ("serve", "tampilkan folder hasil di http://127.0.0.1"),
        ("livereload", "bangun, tampilkan, dan bangun ulang setiap kali berkas disimpan"),
        ("new", "buat berkas layanan atau pengumuman baru dari templat"),
        ("publish", "periksa, bangun versi produksi, lalu terbitkan ke PUBLISH_TARGET"),
        ("publish-status", "terbitkan perubahan status berkas saja, di atas rilis yang tayang (pewaktu 5 menit)"),
        ("rollback", "kembalikan situs yang tayang ke rilis sebelumnya"),
        ("releases", "daftar rilis di server; * menandai yang tayang"),
        ("nginx-config", "tulis konfigurasi nginx untuk domain situs (lihat deploy/README.md)"),
    ):
        command = subparsers.add_parser(name, help=help_text)
        default_settings = "publishconf.py" if name.startswith("publish") else "pelicanconf.py"
        command.add_argument("--settings", "-s", default=default_settings, help="berkas pengaturan Pelican")
        command.add_argument("--content", "-c", default=None, help="folder konten (bawaan: PATH, yaitu content)")
        command.add_argument("--output", "-o", default=None, help="folder hasil (bawaan: OUTPUT_PATH)")
        command.add_argument("--strict", action="store_true", help="peringatan juga dianggap kesalahan")
        command.add_argument("--port", "-p", type=int, default=8000)
        command.add_argument("--search", action="store_true", help="buat juga indeks pencarian (Pagefind)")
        command.add_argument(
            "--format", choices=("teks", "json"), default="teks",
            help="json: setiap masalah satu baris JSON {path, line, key, message, severity, code}, untuk program",
        )  # fmt: skip
        if name == "nginx-config":
            command.add_argument("--site", default="/srv/situs", help="folder berisi releases/ dan current di server")
        if name == "publish":
            command.add_argument(
                "--pertama", action="store_true", help="terbit pertama kali: siapkan folder tujuan bila belum ada"
            )
        if name == "new":
            command.add_argument("jenis", choices=sorted(new.TEMPLATES), help="jenis berkas")
            command.add_argument("judul", help="judul layanan atau pengumuman")
    commands.add_commands(subparsers)
    init = subparsers.add_parser("init", help="buat repositori situs baru untuk satu kecamatan")
    init.add_argument("folder", type=Path, help="folder baru untuk situs itu")
    init.add_argument("--kecamatan", required=True, help='nama kecamatan, misalnya "Teluk Damai"')
    init.add_argument("--kota", required=True, help='misalnya "Kota Pesisir" atau "Kabupaten Contoh"')
    init.add_argument("--kelurahan", required=True, help='nama-nama kelurahan dipisah koma: "Karang Baru, Sei Kapih"')
    init.add_argument("--domain", required=True, help="nama situsnya, misalnya kec-contoh.kota.go.id")
    init.add_argument("--zona-waktu", required=True, help="Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura")
    args = parser.parse_args(argv)
    if args.command in ("editor", "pengguna", "terbitkan-antrean", "status"):
        return commands.run(args)
    if args.command == "init":
        return init_site(args)
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    as_json = args.format == "json"
    overrides: dict[str, object] = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    if args.search:
        overrides["LAYANAN_SEARCH"] = True
    try:
        if args.command == "check":
            return check(args.settings, args.strict, overrides, as_json)
        if args.command == "build":
            return run_build(args.settings, args.output, args.strict, overrides, as_json)
        if args.command == "nginx-config":
            return nginx_config(args.settings, overrides, args.site)
        if args.command == "publish":
            return run_publish(args.settings, overrides, args.pertama)
        if args.command == "publish-status":
            return run_publish_status(args.settings, overrides)
        if args.command == "rollback":
            return rollback()
        if args.command == "releases":
            return list_releases()
        if args.command == "new":
            return run_new(args.settings, overrides, args.jenis, args.judul)
        if args.command == "serve":
            serve(args.output or settings_for(args.settings)["OUTPUT_PATH"], args.port)
            return 0
        return livereload(args.settings, args.output, args.port, overrides)
    except ContentErrors as exc:  # content changed between the check and the build
        _print_problems(exc.problems, as_json)
        print("Dibatalkan; situs yang terbit tidak berubah.", file=sys.stderr)
        return 1
    except DiskFull as exc:
        print(f"Situs TIDAK diperbarui: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"Kesalahan pengaturan: {exc}", file=sys.stderr)
        return 2
    except publish.PublishError as exc:
        print(f"Penerbitan gagal: {exc}. Situs yang tayang tidak berubah.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dihentikan. Situs yang tayang tidak berubah.", file=sys.stderr)
        return 130
