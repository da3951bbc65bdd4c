"""The editor's API (Decap's proxy protocol) against the real server: every refusal, every write checked."""

from __future__ import annotations

import base64
import contextlib
import os
import re
import signal
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from layanan.base.frontmatter import load_yaml, split
from layanan.content import schema
from layanan.editor.entries import fields_of
from tests.conftest import LENGKAP, SAMPLE
from tests.editorkit import PASSWORD, PDF, ROOT, Editor, git, layanan, make_repository, persist, raw, start

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def sari(editor: Editor) -> str:
    return editor.session("sari")


def set_line(text: str, key: str, value: str) -> str:
    """``text`` with the top-level ``key: ...`` line holding ``value`` (YAML, as typed)."""
    changed, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    assert count == 1, key
    return changed


def form_with(form: str, change) -> str:
    """A form (front matter as Decap sends it) after ``change`` is applied to its data, as Decap would."""
    _, front, body = form.split("---\n", 2)
    data = yaml.safe_load(front)
    change(data)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def upload(editor: Editor, cookie: str, name: str, data: bytes):
    asset = {"path": f"content/berkas/{name}", "content": base64.b64encode(data).decode(), "encoding": "base64"}
    return editor.api(cookie, "persistMedia", {"asset": asset, "options": {"commitMessage": f"Unggah {name}"}})


# --- who may ask -----------------------------------------------------------------------


def test_without_a_session_pages_send_to_login_and_the_api_answers_401(editor: Editor):
    for path in ("/admin/", "/admin/config.yml", "/pratinjau/", "/riwayat", "/terbitkan"):
        answer = editor.request(path)
        assert (answer.status, answer.headers["Location"]) == (303, "/masuk"), path
    answer = editor.api(None, "entriesByFolder", {"folder": "content/layanan", "extension": "md", "depth": 1})
    assert answer.status == 401
    assert "masuk lagi" in answer.error


def test_a_wrong_password_gets_401_and_a_plain_message(editor: Editor):
    answer = editor.login("sari", "bukan-sandinya-x")
    assert answer.status == 401
    assert "Nama pengguna atau sandi salah" in answer.data.decode()
    assert "Set-Cookie" not in answer.headers
    assert editor.login("tidak-ada", "bukan-sandinya-x").status == 401


def test_repeated_failures_lock_the_name_out_even_with_the_right_password(editor: Editor):
    for _ in range(5):
        assert editor.login("dewi", "tebakan-salah-1").status == 401
    answer = editor.login("dewi")
    assert answer.status == 429
    assert "Terlalu banyak percobaan" in answer.data.decode()


def test_the_session_cookie_is_httponly_and_strict(editor: Editor):
    answer = editor.login("sari")
    assert answer.status == 303
    assert answer.headers["Location"] == "/admin/"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_logging_out_ends_the_session(editor: Editor):
    cookie = editor.session("sari")
    assert editor.request("/keluar", headers={"Cookie": cookie}).status == 303
    assert editor.api(cookie, "info", {}).status == 401


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null", None])
def test_a_request_from_another_origin_is_refused(editor: Editor, sari: str, origin: str | None):
    answer = editor.api(sari, "info", {}, origin=origin)
    assert answer.status == 403
    headers = {"Origin": origin} if origin else {}
    assert editor.request("/masuk", b"pengguna=sari&sandi=" + b"x" * 12, headers).status == 403


def test_a_clerk_who_edits_may_not_publish_or_undo(editor: Editor, sari: str):
    assert editor.request("/terbitkan", headers={"Cookie": sari}).status == 403
    sha = git(editor.repo, "rev-parse", "HEAD").strip()
    answer = editor.request(f"/riwayat/{sha}/batalkan", b"", {"Cookie": sari, "Origin": editor.base})
    assert answer.status == 403


# --- where it may read and write ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "content/../.git/config",
        ".git/config",
        "/etc/passwd",
        "content/../pelicanconf.py",
        "../situs/content/situs.yaml",
        "content/.rahasia",
        "content/layanan/../../.gitignore",
        "",
    ],
)
def test_paths_outside_content_are_refused(editor: Editor, sari: str, path: str):
    assert editor.api(sari, "getEntry", {"path": path}).status in (400, 403)
    assert editor.api(sari, "getMediaFile", {"path": path}).status in (400, 403)
    before = editor.log()
    assert persist(editor, sari, path, "---\njudul: x\n---\n").status in (400, 403)
    assert editor.api(sari, "deleteFile", {"path": path, "options": {}}).status in (400, 403)
    assert editor.log() == before


@pytest.mark.parametrize("path", ["content/theme.html", "content/layanan/x.txt", "content/berkas/x.md"])
def test_only_content_files_are_written_as_entries(editor: Editor, sari: str, path: str):
    answer = persist(editor, sari, path, "---\njudul: x\n---\n")
    assert answer.status == 403
    assert not (editor.repo / path).exists()


def test_a_symlink_in_content_is_never_followed(editor: Editor, sari: str):
    link = editor.content / "berkas" / "kata-sandi.pdf"
    link.symlink_to("/etc/passwd")
    try:
        assert editor.api(sari, "getMediaFile", {"path": "content/berkas/kata-sandi.pdf"}).status == 403
        media = editor.api(sari, "getMedia", {"mediaFolder": "content/berkas"})
        assert "kata-sandi.pdf" not in str(media.data)
        answer = upload(editor, sari, "kata-sandi.pdf", PDF)
        assert answer.status == 403
        assert link.is_symlink() and os.readlink(link) == "/etc/passwd"
    finally:
        link.unlink()


# --- uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("formulir.pdf", b"<html><script>alert(1)</script></html>", 422, "bukan PDF"),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 422, ".svg"),
        ("halaman.html", b"<script>alert(1)</script>", 422, ".html"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), 413, "terlalu besar"),
        ("sangat-besar.pdf", b"%PDF-1.4\n" + b"0" * (12 * 1024 * 1024), 413, "terlalu besar"),  # over the API's limit
        ("nama dengan spasi.pdf", PDF, 422, "tidak sah"),
        ("foto.png", b"\xff\xd8\xff\xe0JFIF", 422, "bukan PNG"),
    ],
)
def test_uploads_outside_the_allow_list_are_refused(
    editor: Editor, sari: str, name: str, data: bytes, status: int, words: str
):
    before = editor.log()
    answer = upload(editor, sari, name, data)
    assert answer.status == status
    assert words in answer.error
    assert editor.log() == before
    assert not (editor.content / "berkas" / name).exists()


def test_the_media_list_sends_big_files_without_their_bytes(editor: Editor, sari: str):
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
    assert upload(editor, sari, "formulir-besar.pdf", big).status == 200
    listed = {m["name"]: m for m in editor.api(sari, "getMedia", {"mediaFolder": "content/berkas"}).data}
    assert listed["formulir-besar.pdf"]["content"] == ""
    assert base64.b64decode(listed["ilustrasi-perekaman-ktp-el.svg"]["content"]).startswith(b"<svg")
    whole = editor.api(sari, "getMediaFile", {"path": "content/berkas/formulir-besar.pdf"}).data
    assert base64.b64decode(whole["content"]) == big
    assert whole["id"] == listed["formulir-besar.pdf"]["id"]


def test_a_pdf_upload_is_committed_by_the_clerk(editor: Editor, sari: str):
    answer = upload(editor, sari, "formulir-f102.pdf", PDF)
    assert answer.status == 200, answer
    assert answer.data["path"] == "content/berkas/formulir-f102.pdf"
    assert (editor.content / "berkas" / "formulir-f102.pdf").read_bytes() == PDF
    assert editor.log()[0] == "Sari Dewi <sari@kecamatan.example>|Tambah berkas “formulir-f102.pdf”"


# --- every write is checked --------------------------------------------------------------


def test_thousands_separators_in_biaya_are_refused_with_our_message(editor: Editor, sari: str):
    path = "content/layanan/akta-kematian.md"
    text = raw(editor, sari, path)
    assert re.search(r"^biaya: ['\"]0['\"]$", text, re.M)  # text in the form, as typed
    before, file_before = editor.log(), (editor.repo / path).read_bytes()
    answer = persist(editor, sari, path, set_line(text, "biaya", '"50.000"'))
    assert answer.status == 422
    assert answer.error.startswith("Perubahan TIDAK disimpan")
    assert "• Biaya: '50.000' ditulis dengan pemisah ribuan" in answer.error  # the form's label, what was typed
    assert "content/" not in answer.error
    [problem] = answer.data["masalah"]  # the same as data, for the page to mark the field
    assert (problem["key"], problem["label"], problem["milik"], problem["code"]) == ("biaya", "Biaya", True, "nilai")
    assert editor.log() == before
    assert (editor.repo / path).read_bytes() == file_before


def test_every_problem_is_reported_at_once(editor: Editor, sari: str):
    path = "content/layanan/akta-kematian.md"
    text = set_line(raw(editor, sari, path), "biaya", '"Rp 5.000"').replace("kanal:\n", "kanal:\n- pos\n")
    answer = persist(editor, sari, path, set_line(text, "judul", "''"))
    assert answer.status == 422
    lines = answer.error.splitlines()[1:]
    labels = {line.removeprefix("• ").split(": ")[0] for line in lines}
    assert labels >= {"Biaya", "Cara mengajukan, butir 1", "Judul layanan"}, lines


def test_a_value_that_looks_like_a_problem_line_is_one_problem_not_two(editor: Editor, sari: str):
    """The editor reads the build's records, never its printed sentences: text typed by a clerk cannot pose as one."""
    path = "content/layanan/akta-kematian.md"
    typed = "content/layanan/sku.md:3: judul: palsu"
    answer = persist(editor, sari, path, set_line(raw(editor, sari, path), "biaya", f'"{typed}\\n1.000"'))
    assert answer.status == 422
    assert [(p["path"], p["key"]) for p in answer.data["masalah"]] == [(path, "biaya")]


def test_a_good_save_is_one_commit_by_the_clerk_and_the_preview_shows_it(editor: Editor, sari: str):
    path = "content/layanan/akta-kematian.md"
    text = raw(editor, sari, path)
    assert "Surat keterangan kematian" in text
    changed = text.replace("Surat keterangan kematian", "Surat keterangan kematian (asli)", 1)
    answer = persist(editor, sari, path, changed)
    assert answer.status == 200, answer
    assert editor.log()[0] == "Sari Dewi <sari@kecamatan.example>|Ubah layanan “Akta Kematian”"
    assert git(editor.repo, "status", "--porcelain") == ""
    preview = editor.api(sari, "getDeployPreview", {"collection": "layanan", "slug": "akta-kematian"})
    assert preview.data == {"url": "/pratinjau/layanan/akta-kematian/", "status": "SUCCESS"}
    page = editor.request(preview.data["url"], headers={"Cookie": sari})
    assert page.status == 200
    html = page.data.decode()
    assert "Surat keterangan kematian (asli)" in html
    assert 'href="/pratinjau/layanan/' in html and 'href="/layanan/' not in html


def test_deleting_an_item_others_refer_to_names_them(editor: Editor, sari: str):
    answer = editor.api(sari, "deleteFile", {"path": "content/layanan/sktm.md", "options": {}})
    assert answer.status == 422
    assert answer.error.startswith("TIDAK dihapus: layanan “Surat Keterangan Tidak Mampu (SKTM)” masih disebut di ")
    assert "pengumuman “Pemutakhiran Data Penerima SKTM Tahun 2026” (isian Layanan terkait)" in answer.error
    assert "tidak ada" not in answer.error  # it exists: it is only still named elsewhere
    assert (editor.content / "layanan" / "sktm.md").exists()


def test_a_new_announcement_with_an_attachment_in_one_save(editor: Editor, sari: str):
    text = (
        "---\njudul: Rekam KTP-el di Kelurahan Loa Bakung\ntanggal: 2026-11-25 08:00\nkategori: Layanan\n"
        "kelurahan:\n  - loa-bakung\nlampiran:\n  - judul: Jadwal\n    berkas: /jadwal-rekam.pdf\n---\nBawa KK.\n"
    )
    path = "content/pengumuman/2026-11-25-rekam-ktp-el-loa-bakung.md"
    asset = {"path": "content/berkas/jadwal-rekam.pdf", "content": base64.b64encode(PDF).decode(),
             "encoding": "base64"}  # fmt: skip
    params = {"dataFiles": [{"path": path, "slug": "rekam", "raw": text}], "assets": [asset]}
    answer = editor.api(sari, "persistEntry", params | {"options": {"commitMessage": "Create Pengumuman"}})
    assert answer.status == 200, answer
    assert editor.log()[0].endswith(
        "|Tambah pengumuman “Rekam KTP-el di Kelurahan Loa Bakung”; Tambah berkas “jadwal-rekam.pdf”"
    )
    written = (editor.repo / path).read_text()
    assert "    berkas: jadwal-rekam.pdf\n" in written
    assert "tanggal: 2026-11-25 08:00\n" in written
    files = git(editor.repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(files) == ["content/berkas/jadwal-rekam.pdf", path]


def test_saves_from_two_sessions_at_once_both_land(editor: Editor):
    cookies = [editor.session("sari"), editor.session("budi")]
    paths = ["content/kelurahan/loa-buah.md", "content/kelurahan/lok-bahu.md"]
    texts = [raw(editor, c, p) for c, p in zip(cookies, paths, strict=True)]
    answers = []

    def save(i: int) -> None:
        changed = texts[i].replace("Kota Samarinda.", f"Kota Samarinda (perubahan {i}).", 1)
        answers.append(persist(editor, cookies[i], paths[i], changed))

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status for a in answers] == [200, 200]
    subjects = [line.split("|")[1] for line in editor.log()[:2]]
    assert sorted(subjects) == ["Ubah kelurahan “Kelurahan Loa Buah”", "Ubah kelurahan “Kelurahan Lok Bahu”"]
    for i, path in enumerate(paths):
        assert f"(perubahan {i})" in (editor.repo / path).read_text()


# --- two clerks on one item --------------------------------------------------------------


def test_two_clerks_changing_different_fields_of_one_service_both_keep_their_change(editor: Editor):
    sari, budi = editor.session("sari"), editor.session("budi")
    path = "content/layanan/sktm.md"
    sari_form, budi_form = raw(editor, sari, path), raw(editor, budi, path)  # both open the form
    added = form_with(
        sari_form, lambda d: d["persyaratan"].append({"jenis": "dokumen", "dokumen": "Surat pengantar RT"})
    )
    assert persist(editor, sari, path, added).status == 200
    answer = persist(
        editor, budi, path, form_with(budi_form, lambda d: d.update(ringkasan="Untuk warga kurang mampu."))
    )
    assert answer.status == 200, answer
    saved = (editor.repo / path).read_text()
    assert "Surat pengantar RT" in saved and "ringkasan: Untuk warga kurang mampu.\n" in saved
    assert [line.split("|")[0] for line in editor.log()[:2]] == ["Budi Santoso <budi@kecamatan.example>",
                                                                 "Sari Dewi <sari@kecamatan.example>"]  # fmt: skip


def test_two_clerks_changing_the_same_field_the_second_is_told_who_and_nothing_is_lost(editor: Editor):
    sari, budi = editor.session("sari"), editor.session("budi")
    path = "content/layanan/sku.md"
    sari_form, budi_form = raw(editor, sari, path), raw(editor, budi, path)
    assert (
        persist(editor, sari, path, sari_form.replace("Foto tempat usaha", "Foto tempat usaha terbaru")).status == 200
    )
    before = editor.log()
    answer = persist(editor, budi, path, budi_form.replace("Foto tempat usaha", "Foto usaha tampak depan"))
    assert answer.status == 409
    assert "Sari Dewi" in answer.error and "Persyaratan" in answer.error and "TIDAK disimpan" in answer.error
    assert re.search(r"\d{2}\.\d{2} WITA", answer.error), answer.error
    assert editor.log() == before
    assert "Foto tempat usaha terbaru" in (editor.repo / path).read_text()


def test_a_date_no_one_means_is_refused_in_words(editor: Editor, sari: str):
    path = "content/pengumuman/2026-09-01-pendataan-sktm.md"
    form = raw(editor, sari, path)
    answer = persist(editor, sari, path, set_line(form, "berlaku_hingga", "'1901-02-20'"))
    assert answer.status == 422
    assert "Berlaku hingga: 20 Februari 1901 (1901-02-20) tidak masuk akal" in answer.error


def test_every_file_read_and_saved_unchanged_stays_the_same_and_valid(tmp_path: Path):
    editor = start(make_repository(tmp_path / "situs", LENGKAP))
    try:
        cookie = editor.session("budi")
        for file in sorted(editor.content.rglob("*")):
            path = file.relative_to(editor.repo).as_posix()
            if not file.is_file() or fields_of(path) is None:
                continue
            before = file.read_text()
            answer = persist(editor, cookie, path, raw(editor, cookie, path))
            assert answer.status == 200, (path, answer)
            assert _meaning(path, file.read_text()) == _meaning(path, before), path
    finally:
        editor.stop()


def _meaning(path: str, text: str) -> tuple:
    """The values as the checks read them (defaults filled in), and the body."""
    if path.endswith(".yaml"):
        doc, body = load_yaml(text, path)[0], ""
    else:
        source, _ = split(text, path)
        doc, body = source.doc, source.body.strip()
    checker = schema.Checker(path, doc, ZoneInfo("Asia/Makassar"))
    values = schema.check_fields(checker, "", doc.data, fields_of(path))
    assert not checker.problems, checker.problems
    return values, body


def _attempt(editor: Editor, cookie: str, path: str, text: str) -> None:
    """A save whose server may be killed before it answers."""
    with contextlib.suppress(OSError):
        persist(editor, cookie, path, text)


def test_a_kill_at_any_moment_of_a_save_leaves_old_or_new_committed(tmp_path: Path):
    repo = make_repository(tmp_path / "situs", SAMPLE)
    path = "content/layanan/sku.md"
    old = (repo / path).read_bytes()
    for delay in (0.0, 0.05, 0.15, 0.3, 0.5, 0.8, 1.2):
        editor = start(repo)
        cookie = editor.session("sari")
        text = raw(editor, cookie, path).replace("Foto tempat usaha", f"Foto tempat usaha {delay}")
        saving = threading.Thread(target=_attempt, args=(editor, cookie, path, text), daemon=True)
        saving.start()
        time.sleep(delay)
        os.killpg(editor.process.pid, signal.SIGKILL)
        editor.process.wait()
        saving.join()
        on_disk = (repo / path).read_bytes()
        committed = git(repo, "show", f"HEAD:{path}").encode()
        assert on_disk == old or f"usaha {delay}".encode() in on_disk
        assert committed == old or f"usaha {delay}".encode() in committed
        old = committed
    editor = start(repo)  # recovers, and nothing is stuck
    try:
        cookie = editor.session("sari")
        assert (repo / path).read_bytes() == old
        assert persist(editor, cookie, path, raw(editor, cookie, path).replace("Foto", "Gambar")).status == 200
        assert git(repo, "status", "--porcelain") == ""
        assert not (repo / ".git" / "index.lock").exists()
    finally:
        editor.stop()


def test_a_removed_clerk_s_session_ends_at_once(editor: Editor):
    result = layanan("pengguna", "--settings", str(ROOT / "pelicanconf.py"), "--content", str(editor.content),
                     "tambah", "tamu", "--nama", "Tamu Sementara", "--email", "tamu@kecamatan.example",
                     cwd=editor.repo, stdin=PASSWORD + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    cookie = editor.session("tamu")
    assert editor.api(cookie, "info", {}).status == 200
    removed = layanan("pengguna", "--settings", str(ROOT / "pelicanconf.py"), "--content", str(editor.content),
                      "hapus", "tamu", cwd=editor.repo)  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert editor.api(cookie, "info", {}).status == 401
