"""Rules that need more than one file: categories, slugs, references, named files."""

from __future__ import annotations

from rules import ANNOUNCEMENT, SERVICE, announcement, assert_problem, service

from conftest import VALID_ANNOUNCEMENT, VALID_SERVICE, Project


def test_service_category_must_be_in_situs(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("kategori: Umum", "kategori: Lainnya"),
        f"{SERVICE}:3: kategori: 'Lainnya' tidak ada di kategori_layanan situs.yaml; pilih: Administrasi Kependudukan, Umum",
    )


def test_announcement_category_must_be_in_situs(project: Project) -> None:
    assert_problem(
        project,
        "pengumuman/2026-11-10-uji.md",
        announcement("kategori: Layanan", "kategori: Berita"),
        f"{ANNOUNCEMENT}:4: kategori: 'Berita' tidak ada di kategori_pengumuman situs.yaml",
    )


def test_free_category_must_charge_nothing(project: Project) -> None:
    text = service("kategori: Umum", "kategori: Administrasi Kependudukan").replace("biaya: 0", "biaya: 10000")
    assert_problem(
        project,
        "layanan/uji.md",
        text,
        f"{SERVICE}:12: biaya: layanan kategori 'Administrasi Kependudukan' wajib gratis menurut hukum (UU 24/2013 Pasal 79A); tulis biaya: 0",
    )


def test_free_category_rejects_a_fee_in_words(project: Project) -> None:
    text = service("kategori: Umum", "kategori: Administrasi Kependudukan").replace(
        "biaya: 0", "biaya: Rp10.000 untuk map"
    )
    assert_problem(
        project,
        "layanan/uji.md",
        text,
        f"{SERVICE}:12: biaya: layanan kategori 'Administrasi Kependudukan' wajib gratis",
    )


def test_duplicate_slug_names_both_files(project: Project) -> None:
    output = assert_problem(
        project,
        "layanan/kedua-lagi.md",
        service("produk: Surat", "produk: Surat\nslug: kedua"),
        "content/layanan/kedua-lagi.md:14: slug: alamat 'kedua' juga dipakai oleh content/layanan/kedua.md",
    )
    assert "content/layanan/kedua.md:1: slug: alamat 'kedua' juga dipakai oleh content/layanan/kedua-lagi.md" in output


def test_alias_may_not_take_another_services_slug(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nalias:\n  - kedua"),
        f"{SERVICE}:15: alias.1: alamat 'kedua' juga dipakai oleh content/layanan/kedua.md",
    )


def test_terkait_must_name_an_existing_service(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nterkait:\n  - kedua\n  - tidak-ada"),
        f"{SERVICE}:16: terkait.2: layanan 'tidak-ada' tidak ada di content/layanan/",
    )


def test_terkait_may_not_point_to_a_draft(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nterkait:\n  - rahasia"),
        f"{SERVICE}:15: terkait.1: layanan 'rahasia' masih draf",
    )


def test_terkait_may_not_point_to_itself(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nterkait:\n  - uji"),
        f"{SERVICE}:15: terkait.1: layanan tidak boleh merujuk dirinya sendiri",
    )


def test_announcement_kelurahan_must_exist(project: Project) -> None:
    assert_problem(
        project,
        "pengumuman/2026-11-10-uji.md",
        announcement("kategori: Layanan", "kategori: Layanan\nkelurahan:\n  - desa-a\n  - desa-z"),
        f"{ANNOUNCEMENT}:7: kelurahan.2: kelurahan 'desa-z' tidak ada di content/kelurahan/",
    )


def test_announcement_layanan_must_exist(project: Project) -> None:
    assert_problem(
        project,
        "pengumuman/2026-11-10-uji.md",
        announcement("kategori: Layanan", "kategori: Layanan\nlayanan:\n  - ktp"),
        f"{ANNOUNCEMENT}:6: layanan.1: layanan 'ktp' tidak ada di content/layanan/",
    )


def test_formulir_file_must_exist(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nformulir:\n  - judul: F-1.02\n    berkas: f-1.02.pdf"),
        f"{SERVICE}:16: formulir.1.berkas: berkas 'f-1.02.pdf' tidak ada di content/berkas/",
    )


def test_named_file_may_not_leave_berkas(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("produk: Surat", "produk: Surat\nformulir:\n  - judul: Rahasia\n    berkas: ../situs.yaml"),
        f"{SERVICE}:16: formulir.1.berkas: berkas '../situs.yaml' tidak ada di content/berkas/",
    )


def test_lampiran_and_gambar_files_must_exist(project: Project) -> None:
    text = announcement(
        "kategori: Layanan",
        "kategori: Layanan\nlampiran:\n  - judul: Surat\n    berkas: surat.pdf\ngambar: foto.jpg\ngambar_alt: Foto",
    )
    output = assert_problem(
        project,
        "pengumuman/2026-11-10-uji.md",
        text,
        f"{ANNOUNCEMENT}:7: lampiran.1.berkas: berkas 'surat.pdf' tidak ada",
    )
    assert f"{ANNOUNCEMENT}:8: gambar: berkas 'foto.jpg' tidak ada" in output


def test_page_may_not_take_a_reserved_name(project: Project) -> None:
    assert_problem(
        project,
        "halaman/feeds.md",
        "---\njudul: Feeds\n---\nIsi.\n",
        "content/halaman/feeds.md:1: slug: nama 'feeds' dipakai situs sendiri",
    )


def test_duplicate_announcement_slugs_from_file_names(project: Project) -> None:
    project.write("pengumuman/2026-11-10-uji.md", VALID_ANNOUNCEMENT)
    output = assert_problem(
        project,
        "pengumuman/2026-11-11-uji.md",
        VALID_ANNOUNCEMENT,
        "content/pengumuman/2026-11-11-uji.md:1: slug: alamat 'uji' juga dipakai oleh content/pengumuman/2026-11-10-uji.md",
    )
    assert (
        "content/pengumuman/2026-11-10-uji.md:1: slug: alamat 'uji' juga dipakai oleh content/pengumuman/2026-11-11-uji.md"
        in output
    )


def test_draft_may_reference_what_exists(project: Project) -> None:
    project.write("layanan/uji.md", service("produk: Surat", "produk: Surat\ndraf: true\nterkait:\n  - rahasia"))
    code, output = project.check()
    assert code == 0, output


def test_valid_service_has_no_crossref_problem(project: Project) -> None:
    project.write("layanan/uji.md", VALID_SERVICE)
    assert project.check()[0] == 0
