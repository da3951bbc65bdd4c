"""``python -m layanan editor``, ``pengguna ...`` and ``terbitkan-antrean``: the editor's commands."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import sysconfig
from pathlib import Path
from typing import Any

from layanan.build.output import settings_for
from layanan.content import receipts
from layanan.editor import counter, publishing, repo, users, vendor
from layanan.editor.address import AddressError, Public, loopback
from layanan.editor.workspace import Workspace

# Decap's files are kept once per installation (a venv's share/layanan/), not per site.
INSTALLATION = Path(sysconfig.get_path("data"))


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    editor = commands.add_parser("editor", help="jalankan penyunting situs di peramban (Decap CMS)")
    editor.add_argument("--host", default="127.0.0.1", help="alamat yang didengar (bawaan: hanya komputer ini)")
    editor.add_argument("--port", "-p", type=int, default=8001)
    editor.add_argument(
        "--jalankan-terbit",
        action="store_true",
        help="jalankan sendiri permintaan terbit (di komputer pengembang; di kantor: layanan-editor-terbit.path)",
    )
    editor.add_argument(
        "--url",
        help="alamat yang dibuka petugas di peramban bila penyunting di belakang nginx, misalnya "
        "https://penyunting.kecamatan.example (bawaan: http://127.0.0.1:PORT)",
    )
    worker = commands.add_parser("terbitkan-antrean", help="jalankan permintaan terbit dari penyunting, bila ada")
    accounts = commands.add_parser("pengguna", help="kelola akun penyunting")
    actions = accounts.add_subparsers(dest="aksi", required=True)
    add = actions.add_parser("tambah", help="tambah akun; sandi dibaca dari masukan")
    add.add_argument("nama_pengguna", metavar="NAMA")
    add.add_argument("--nama", required=True, help="nama lengkap, tercatat di riwayat perubahan")
    add.add_argument("--email", required=True)
    add.add_argument("--peran", choices=users.ROLES, default="penyunting")
    actions.add_parser("daftar", help="daftar akun")
    for name, text in (("hapus", "hapus akun"), ("sandi", "ganti sandi akun")):
        actions.add_parser(name, help=text).add_argument("nama_pengguna", metavar="NAMA")
    status = commands.add_parser("status", help="catat berkas yang diterima dan statusnya (kode tanda terima)")
    steps = status.add_subparsers(dest="aksi", required=True)
    receive = steps.add_parser("terima", help="catat berkas yang baru diterima; mencetak kode tanda terimanya")
    receive.add_argument("--layanan", required=True, help="alamat (slug) layanannya, misalnya ktp-el-baru")
    receive.add_argument("--kanal", required=True, help="loket atau whatsapp")
    change = steps.add_parser("ubah", help="catat status baru sebuah berkas")
    change.add_argument("kode", help="kode tanda terima, misalnya K7MQ-2XDA")
    change.add_argument("status_baru", metavar="STATUS", help=", ".join(receipts.STATUSES))
    change.add_argument("--catatan", help="yang perlu dilengkapi, tempat pengambilan, atau alasan; tanpa data pribadi")
    for step in (receive, change):
        step.add_argument("--oleh", help="akun penyunting yang mencatat (bawaan: git config user.name)")
    for command in (editor, worker, accounts, receive, change):
        command.add_argument("--settings", "-s", default="pelicanconf.py", help="berkas pengaturan Pelican")
        command.add_argument("--content", "-c", default=None, help="folder konten (bawaan: PATH, yaitu content)")


def workspace(args: argparse.Namespace) -> Workspace:
    settings = Path(args.settings).resolve()
    content = Path(args.content or settings_for(str(settings))["PATH"]).resolve()
    return Workspace(repo.toplevel(content), content, settings)


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Sandi baru: ")
    if getpass.getpass("Ulangi sandi: ") != first:
        raise users.UserError("kedua sandi tidak sama; ulangi perintahnya")
    return first


def accounts(args: argparse.Namespace) -> int:
    state = workspace(args).state
    if args.aksi == "daftar":
        found = users.load(state)
        for user in found.values():
            print(f"{user.name}\t{user.peran}\t{user.nama} <{user.email}>")
        if not found:
            print("Belum ada pengguna.")
        return 0
    if args.aksi == "hapus":
        users.remove(state, args.nama_pengguna)
        print(f"Pengguna {args.nama_pengguna} dihapus.")
        return 0
    if args.aksi == "sandi":
        users.set_password(state, args.nama_pengguna, _password())
        print(f"Sandi {args.nama_pengguna} diganti.")
        return 0
    user = users.add(state, args.nama_pengguna, args.nama, args.email, args.peran, _password())
    print(f"Pengguna {user.name} ({user.peran}) ditambahkan.")
    return 0


def run_editor(args: argparse.Namespace) -> int:
    # The server (and what it serves with) loads for this command only, never in a build's start-up.
    from layanan.editor import server

    public = Public.parse(args.url, args.host, args.port)
    ws = workspace(args)
    decap = vendor.ensure(INSTALLATION)
    server.prepare(ws)
    app = server.Editor(ws, decap, public, runs_queue=args.jalankan_terbit)
    if not loopback(args.host) and not public.https:
        print(
            f"PERINGATAN: penyunting mendengar di {args.host}, bukan hanya di komputer ini. Tanpa TLS di depannya "
            "(lihat deploy/README.md), sandi dan sesi terkirim tanpa sandi pengaman di jaringan.",
            file=sys.stderr,
        )
    if not users.load(ws.state):
        print(
            'Belum ada pengguna. Tambahkan dulu: python -m layanan pengguna tambah NAMA --nama "Nama Lengkap" '
            "--email ALAMAT --peran penerbit",
            file=sys.stderr,
        )
    shown = args.url.rstrip("/") if args.url else f"http://{args.host}:{args.port}"
    print(f"Penyunting di {shown}/masuk ; hentikan dengan Ctrl+C.", flush=True)
    server.serve(app, args.host, args.port)
    return 0


def record_status(args: argparse.Namespace) -> int:
    """``status terima`` prints the new receipt code; ``status ubah`` records a status. A mistake: exit 1, one line."""
    logging.basicConfig(level=logging.ERROR, format="%(message)s")  # Pelican's notes are not for the counter
    ws = workspace(args)
    try:
        who = counter.clerk(ws, args.oleh)
        if args.aksi == "terima":
            print(counter.receive(ws, args.layanan, args.kanal, who))
        else:
            counter.update(ws, args.kode, args.status_baru, args.catatan, who)
            print(f"Berkas {args.kode.upper()}: {receipts.STATUSES[args.status_baru].label}.")
    except counter.CounterError as exc:
        print(f"Tidak dicatat: {exc}", file=sys.stderr)
        return 1
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one of the editor's commands; errors are messages for staff, exit status 2."""
    try:
        if args.command == "status":
            return record_status(args)
        if args.command == "editor":
            return run_editor(args)
        if args.command == "terbitkan-antrean":
            ws = workspace(args)
            return publishing.work(ws.root, ws.state, str(ws.settings.parent / "publishconf.py"), ws.content)
        return accounts(args)
    except (users.UserError, repo.RepoError, vendor.VendorError, AddressError) as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
