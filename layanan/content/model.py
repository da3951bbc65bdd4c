"""The content model: one record per kind of file, each field declared once.

A field's annotation is its type; ``spec`` gives its validator, whether it is
required, its default, and the label and hint staff see. Validation
(``validate``), the editor's forms, the docs' field reference test and the open
data all read these declarations. Records are dataclasses: the standard
library's, because the checks already exist as validators with messages in
Bahasa Indonesia that no other library would produce, and a dataclass adds no
dependency and pickles into the parse cache as it is.

A record is made from a file that passed every check (index.py). Relations hold
the slugs the file names and, once the index has resolved them, the records
themselves, under the one name the file uses (``terkait``, ``layanan``,
``kelurahan``); reverse links are named for what they hold (``pengumuman``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from layanan.base.dates import tanggal
from layanan.content import receipts, schema, skm
from layanan.content.schema import INVALID, Checker, Field, Validator, record, spec, validator

T = TypeVar("T")


@dataclass(frozen=True)
class Links(Generic[T]):
    """The items a file names by slug: the slugs as written, and the records once resolved."""

    slugs: tuple[str, ...] = ()
    items: tuple[T, ...] = ()

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.slugs)


def slugs_of(kind: str) -> Validator[Links[Any]]:
    """Slugs of items of ``kind``, unique; crossref checks that each exists."""
    slugs = schema.list_of(schema.slug, unique=True)

    def check(c: Checker, key: str, value: Any) -> Links[Any]:
        result = slugs(c, key, value)
        return result if result is INVALID else Links(tuple(result))

    return Validator(check, schema.Relation(schema.slug, kind))


# A file's name under content/berkas/; crossref checks that it exists.
file_name = Validator(schema.text.check, schema.Plain("file"))
image_name = Validator(schema.text.check, schema.Plain("image"))


# --- parts of records ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Tautan:
    judul: str = spec(schema.line, required=True, label="Judul")
    url: str = spec(schema.url, required=True, label="Alamat web", hint="Diawali https://")


@dataclass(frozen=True, kw_only=True)
class Berkas:
    judul: str = spec(
        schema.line, required=True, label="Judul", hint="Nama yang dibaca warga, misalnya Formulir F-1.02"
    )
    berkas: str = spec(file_name, required=True, label="Berkas", hint="Pilih atau unggah berkas (PDF, gambar)")


@dataclass(frozen=True, kw_only=True)
class Dokumen:
    """A document to bring: always, only ``jika`` (if) something holds, or ``opsional`` (if one has it)."""

    dokumen: str = spec(
        schema.text, required=True, label="Dokumen", hint="Nama dokumen yang dibawa, misalnya Kartu Keluarga (KK)"
    )
    jumlah: int | str | None = spec(
        schema.count_or_text, label="Jumlah", hint="Angka saja (misalnya 1) atau kata-kata (2 lembar)"
    )
    keterangan: str | None = spec(schema.text, label="Keterangan", hint="Misalnya: Fotokopi; asli ditunjukkan")
    jika: str | None = spec(
        schema.text, label="Hanya jika", hint="Isi bila dokumen ini hanya perlu dalam keadaan tertentu"
    )
    opsional: bool = spec(
        schema.boolean, default=False, label="Bawa bila ada", hint="Nyalakan bila dokumen ini tidak wajib"
    )


_DOKUMEN = record(Dokumen, main="dokumen")


@validator(schema.TextOr(schema.fields_of(Dokumen), main="dokumen"))
def document(c: Checker, key: str, value: Any) -> Dokumen:
    result = _DOKUMEN(c, key, value)
    if result is not INVALID and result.jika and result.opsional:
        return c.error(
            f"{key}.jika",
            "pilih salah satu: 'jika' (hanya perlu dalam keadaan itu) atau 'opsional: true' (bawa bila ada), "
            "bukan keduanya",
        )
    return result


@dataclass(frozen=True, kw_only=True)
class SalahSatu:
    """Any one of two or more documents. Never optional itself."""

    salah_satu: tuple[Dokumen, ...] = spec(
        schema.list_of(document, minimum=2),
        required=True,
        label="Salah satu dari",
        hint="Dua dokumen atau lebih; cukup bawa satu",
    )
    keterangan: str | None = spec(schema.text, label="Keterangan")
    opsional: ClassVar[bool] = False


_SALAH_SATU = record(SalahSatu)


@validator(schema.Requirement(schema.fields_of(Dokumen), schema.fields_of(SalahSatu)))
def requirement(c: Checker, key: str, value: Any) -> Dokumen | SalahSatu:
    """A document (text or mapping), or ``{salah_satu: [...]}``: any one of two or more documents."""
    if isinstance(value, dict) and "salah_satu" in value:
        return _SALAH_SATU(c, key, value)
    return document(c, key, value)


@dataclass(frozen=True, kw_only=True)
class Riwayat:
    tanggal: dt.date = spec(schema.date, required=True, label="Tanggal")
    perubahan: str = spec(schema.text, required=True, label="Perubahan")


@dataclass(frozen=True, kw_only=True)
class Koordinat:
    lat: float = spec(schema.number, required=True, label="Lintang", hint="Antara -90 dan 90, misalnya -0.5")
    lon: float = spec(schema.number, required=True, label="Bujur", hint="Antara -180 dan 180, misalnya 117.1")


_KOORDINAT = record(Koordinat)


@validator(schema.Mapping(schema.fields_of(Koordinat)))
def coordinates(c: Checker, key: str, value: Any) -> Koordinat:
    """A point on the map; lintang and bujur swapped (a common slip) fall outside their ranges."""
    result = _KOORDINAT(c, key, value)
    if result is not INVALID and not -90 <= result.lat <= 90:
        return c.error(f"{key}.lat", f"lintang {result.lat:g} di luar -90 sampai 90; lintang dan bujur tertukar?")
    if result is not INVALID and not -180 <= result.lon <= 180:
        return c.error(f"{key}.lon", f"bujur {result.lon:g} di luar -180 sampai 180")
    return result


TEXTS = schema.list_of(schema.text)
KANAL = ("whatsapp", "loket", "daring")
POINTS = schema.list_of(schema.text, minimum=1)  # one point per item, as a decree's table lists them


@dataclass(frozen=True, kw_only=True)
class Pengelolaan:
    """How the office runs a service: the pengelolaan components of Permenpan RB 15/2014 but dasar hukum.

    Dasar hukum is each service's own; penanganan pengaduan comes from situs.yaml's
    complaint channels. Given once for the office (situs.yaml ``standar``) and, where
    a service differs, in the service's ``standar``; None means not given.
    """

    sarana: tuple[str, ...] | None = spec(
        POINTS, label="Sarana, prasarana dan/atau fasilitas", hint="Termasuk fasilitas bagi kelompok rentan"
    )
    kompetensi_pelaksana: tuple[str, ...] | None = spec(POINTS, label="Kompetensi pelaksana")
    pengawasan_internal: tuple[str, ...] | None = spec(POINTS, label="Pengawasan internal")
    jumlah_pelaksana: tuple[str, ...] | None = spec(POINTS, label="Jumlah pelaksana")
    jaminan_pelayanan: tuple[str, ...] | None = spec(POINTS, label="Jaminan pelayanan")
    jaminan_keamanan: tuple[str, ...] | None = spec(POINTS, label="Jaminan keamanan dan keselamatan pelayanan")
    evaluasi_kinerja: tuple[str, ...] | None = spec(POINTS, label="Evaluasi kinerja pelaksana")


PENGELOLAAN = tuple(schema.fields_of(Pengelolaan))


@dataclass(frozen=True, kw_only=True)
class Konsultasi:
    """A public consultation on a draft standard: open from mulai to selesai, both days included."""

    mulai: dt.date = spec(schema.date, required=True, label="Mulai")
    selesai: dt.date = spec(
        schema.date, required=True, label="Selesai", hint="Hari terakhir warga bisa memberi masukan"
    )
    catatan: str | None = spec(schema.text, label="Catatan", hint="Apa yang diubah, dan masukan apa yang diharapkan")

    def open_on(self, day: dt.date) -> bool:
        return self.mulai <= day <= self.selesai


_KONSULTASI = record(Konsultasi)


@validator(schema.Mapping(schema.fields_of(Konsultasi)))
def consultation(c: Checker, key: str, value: Any) -> Konsultasi:
    result = _KONSULTASI(c, key, value)
    if result is not INVALID and result.selesai < result.mulai:
        return c.error(f"{key}.selesai", "tanggal selesai lebih awal dari tanggal mulai")
    return result


@dataclass(frozen=True, kw_only=True)
class Acara:
    """An event an announcement is about: when (the site's time zone) and where."""

    mulai: dt.datetime = spec(
        schema.date_or_datetime, required=True, label="Mulai", hint="TTTT-BB-HH, atau dengan jam: TTTT-BB-HH JJ:MM"
    )
    selesai: dt.datetime | None = spec(schema.date_or_datetime, label="Selesai")
    tempat: str | None = spec(schema.line, label="Tempat")


_ACARA = record(Acara)


@validator(schema.Mapping(schema.fields_of(Acara)))
def event(c: Checker, key: str, value: Any) -> Acara:
    result = _ACARA(c, key, value)
    if result is not INVALID and result.selesai and result.selesai < result.mulai:
        return c.error(f"{key}.selesai", "waktu selesai lebih awal dari waktu mulai")
    return result


@dataclass(frozen=True, kw_only=True)
class Keputusan:
    """The Camat's decree that sets the standard: what its signed copy carries."""

    nomor: str = spec(schema.text, required=True, label="Nomor keputusan", hint="Nomor SK Camat")
    tanggal: dt.date | None = spec(schema.date, label="Tanggal keputusan")
    penandatangan: str = spec(schema.text, required=True, label="Nama penanda tangan")
    jabatan: str = spec(schema.text, required=True, label="Jabatan", hint="Misalnya: Camat Contoh")
    nip: str | None = spec(schema.text, label="NIP")


@dataclass(frozen=True, kw_only=True)
class Standar(Pengelolaan):
    """The office's standard (situs.yaml ``standar``): its components, its decree, and a consultation on a draft."""

    keputusan: Keputusan | None = spec(record(Keputusan), label="Keputusan penetapan")
    berlaku_sejak: dt.date | None = spec(schema.date, label="Berlaku sejak")
    konsultasi: Konsultasi | None = spec(consultation, label="Konsultasi publik (seluruh standar)")
    kinerja_di_evaluasi: bool = spec(
        schema.boolean,
        default=False,
        label="Ketepatan waktu di evaluasi kinerja",
        hint="Nyala: komponen evaluasi kinerja pelaksana memuat ringkasan ketepatan waktu dari status berkas",
    )


@dataclass(frozen=True, kw_only=True)
class Maklumat:
    """The service pledge (UU 25/2009 Pasal 22), as the office announces it."""

    teks: str = spec(schema.text, required=True, label="Teks maklumat")
    penandatangan: str = spec(schema.text, required=True, label="Nama penanda tangan")
    jabatan: str = spec(schema.text, required=True, label="Jabatan")


def _draf() -> Any:
    return spec(schema.boolean, default=False, label="Draf", hint="Nyala: belum tampil di situs")


def _alias() -> Any:
    return spec(
        schema.list_of(schema.slug, unique=True),
        default=(),
        label="Alamat lama",
        hint="Alamat (slug) lama yang dialihkan ke sini",
    )


def _slug() -> Any:
    return spec(schema.slug, label="Alamat (slug)", hint="Kosongkan: alamat diambil dari nama berkas")


# --- a survey period: content/survei/<periode>.yaml beside the answers <periode>.csv -----------

# Which CSV column holds each of the regulation's elements (skm.yaml names them): one declaration, from the data.
UnsurKolom = dataclasses.make_dataclass(
    "UnsurKolom",
    [
        (key, str, spec(schema.text, required=True, label=name, hint="Judul kolomnya di berkas CSV, persis"))
        for key, name in skm.ELEMENTS.items()
    ],
    frozen=True,
    kw_only=True,
)
UnsurKolom.__module__ = __name__  # so a parse cache can pickle it


@dataclass(frozen=True, kw_only=True)
class KolomSurvei:
    """Optional columns: which service and kelurahan an answer is about, and who answered (for the profile)."""

    layanan: str | None = spec(
        schema.text, label="Layanan yang digunakan", hint="Isinya judul layanan atau alamatnya (slug)"
    )
    kelurahan: str | None = spec(schema.text, label="Kelurahan", hint="Isinya nama kelurahan atau alamatnya (slug)")
    umur: str | None = spec(schema.text, label="Umur")
    jenis_kelamin: str | None = spec(schema.text, label="Jenis kelamin")
    pendidikan: str | None = spec(schema.text, label="Pendidikan")
    pekerjaan: str | None = spec(schema.text, label="Pekerjaan")


PROFILE = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan")


@validator(schema.Plain("integer"))
def _score(c: schema.Checker, key: str, value: Any) -> int:
    result = schema.whole_number(c, key, value)
    if result is not schema.INVALID and not skm.LOWEST <= result <= skm.HIGHEST:
        return c.error(key, f"harus {skm.LOWEST} sampai {skm.HIGHEST}, bukan {result}")
    return result


@dataclass(frozen=True, kw_only=True)
class TindakLanjut:
    rencana: str = spec(schema.text, required=True, label="Rencana")
    hasil: str | None = spec(schema.text, label="Yang sudah dilakukan")


@dataclass(frozen=True, kw_only=True)
class Survei:
    """How a survey was run and what its CSV's columns mean."""

    judul: str = spec(schema.line, required=True, label="Judul", hint="Misalnya: Survei Kepuasan Masyarakat 2026")
    mulai: dt.date = spec(schema.date, required=True, label="Mulai")
    selesai: dt.date = spec(schema.date, required=True, label="Selesai")
    metode: str = spec(schema.text, required=True, label="Metode", hint="Misalnya: kuesioner di loket dan Google Forms")
    target_responden: int | None = spec(schema.whole_number, label="Target jumlah responden")
    unsur: Any = spec(record(UnsurKolom), required=True, label="Kolom setiap unsur")
    kolom: KolomSurvei | None = spec(record(KolomSurvei), label="Kolom lain")
    abaikan: tuple[str, ...] = spec(
        TEXTS, default=(), label="Kolom yang tidak dipakai", hint="Misalnya: Timestamp, saran (tidak diterbitkan)"
    )
    jawaban: dict[str, int] | None = spec(
        schema.named(_score),
        label="Nilai jawaban berupa kata",
        hint='Kata kuesioner sendiri dan nilainya 1-4, misalnya "Sangat puas": 4',
    )
    nama_lain: dict[str, str] | None = spec(
        schema.named(schema.slug),
        label="Nama lain layanan atau kelurahan",
        hint='Nama seperti tertulis di jawaban dan alamat (slug)-nya, misalnya "KTP-el hilang": ktp-el-hilang-rusak',
    )
    ambang_sel: int = spec(
        schema.whole_number, default=5, label="Ambang sel profil", hint="Jumlah di bawah ini tidak ditampilkan"
    )
    minimum_responden: int = spec(
        schema.whole_number, default=30, label="Minimum responden", hint="Untuk indeks per layanan dan kelurahan"
    )
    tindak_lanjut: tuple[str, ...] = spec(TEXTS, default=(), label="Rencana tindak lanjut")
    tindak_lanjut_sebelumnya: tuple[TindakLanjut, ...] = spec(
        schema.list_of(record(TindakLanjut)), default=(), label="Tindak lanjut periode sebelumnya"
    )


SURVEI_FIELDS: dict[str, Field[Any]] = schema.fields_of(Survei)


# --- submitted files and their statuses (content/status/<TTTT-BB>.yaml) ------------------


receipt_code = schema.matching(
    receipts.CODE,
    "'{value}' bukan kode tanda terima: 8 huruf besar dan angka, misalnya K7MQ-2XDA",
    placeholder_ok=False,
)


@validator(schema.Text())
def note(c: Checker, key: str, value: Any) -> str:
    """A clerk's short note: never anything that identifies a person."""
    result = schema.line(c, key, value)
    if result is not INVALID and (found := receipts.personal_data(result)):
        return c.error(key, f"catatan tidak boleh memuat {found}; tulis tanpa data pribadi (cukup kode berkasnya)")
    return result


@dataclass(frozen=True, kw_only=True)
class Langkah:
    """One change of a submitted file's status, as the clerk recorded it."""

    status: str = spec(schema.one_of(tuple(receipts.STATUSES)), required=True, label="Status")
    waktu: dt.datetime = spec(schema.date_or_datetime, required=True, label="Waktu", hint="TTTT-BB-HH JJ:MM")
    oleh: str = spec(schema.line, required=True, label="Petugas", hint="Akun petugas yang mencatat; tidak terbit")
    catatan: str | None = spec(
        note,
        label="Catatan",
        hint="Yang perlu dilengkapi, tempat pengambilan, atau alasan penolakan; tanpa data pribadi",
    )


@dataclass(frozen=True, kw_only=True)
class Permohonan:
    """A file a resident submitted, known by its receipt code only: no name, no NIK, no phone number."""

    kode: str = spec(receipt_code, required=True, label="Kode tanda terima")
    layanan: str = spec(schema.slug, required=True, label="Layanan", hint="Alamat (slug) layanannya")
    kanal: str = spec(schema.one_of(tuple(receipts.KANAL)), required=True, label="Diterima lewat")
    riwayat: tuple[Langkah, ...] = spec(schema.list_of(record(Langkah), minimum=1), required=True, label="Riwayat")


@dataclass(frozen=True, kw_only=True)
class StatusBulan:
    """One month's submitted files, by the month they were received."""

    permohonan: tuple[Permohonan, ...] = spec(schema.list_of(record(Permohonan)), default=(), label="Permohonan")


STATUS_FIELDS: dict[str, Field[Any]] = schema.fields_of(StatusBulan)


# --- the kinds of file ------------------------------------------------------------


@dataclass(eq=False, kw_only=True)
class Item:
    """What every published file has besides its fields: where it came from and where it goes."""

    kind: ClassVar[str]
    heading_top: ClassVar[int] = 2  # the body's first heading level (a service's sits in an h2 section)
    title_field: ClassVar[str] = "judul"
    body_required: ClassVar[bool] = False

    path: str  # as shown in messages: content/layanan/ktp-el.md
    digest: str  # of the source file, for incremental builds
    url: str
    save_as: str
    isi: Markup = Markup("")  # the body, sanitised by nh3 (body.render)
    card: str = ""  # what a list showing this item depends on (set by the index)
    kode: str = ""  # the short link's code, for good: from the kind and the first slug (index)

    @property
    def template(self) -> str:
        return self.kind


@dataclass(eq=False, kw_only=True)
class Layanan(Item):
    kind: ClassVar[str] = "layanan"
    heading_top: ClassVar[int] = 3

    judul: str = spec(schema.line, required=True, label="Judul layanan", hint="Nama layanan seperti yang dicari warga")
    kategori: str = spec(schema.text, required=True, label="Kategori")
    ringkasan: str = spec(
        schema.short_text(200),
        required=True,
        label="Ringkasan",
        hint="Satu kalimat: untuk siapa layanan ini (paling banyak 200 huruf)",
    )
    persyaratan: tuple[Dokumen | SalahSatu, ...] = spec(
        schema.list_of(requirement, minimum=1),
        required=True,
        label="Persyaratan",
        hint="Dokumen yang dibawa warga, satu per butir",
    )
    prosedur: tuple[str, ...] = spec(
        schema.list_of(schema.text, minimum=1),
        required=True,
        label="Prosedur",
        hint="Langkah demi langkah, satu per butir",
    )
    waktu: str = spec(schema.text, required=True, label="Waktu penyelesaian", hint="Misalnya: 1 hari kerja")
    biaya: int | str = spec(
        schema.rupiah_or_text,
        required=True,
        label="Biaya",
        hint="Rupiah utuh tanpa titik (0 berarti gratis) atau kata-kata",
    )
    produk: str = spec(schema.text, required=True, label="Produk layanan", hint="Apa yang diterima warga")
    kanal: tuple[str, ...] = spec(
        schema.list_of(schema.one_of(KANAL), minimum=1, unique=True),
        required=True,
        label="Cara mengajukan",
        hint="Boleh lebih dari satu",
    )
    diperbarui: dt.date = spec(schema.date, required=True, label="Tanggal diperbarui")
    tautan_daring: str | None = spec(
        schema.url, label="Alamat pengajuan daring", hint="Wajib bila cara mengajukan memuat daring"
    )
    # The index fills in the office's address when left empty.
    tempat: str | None = spec(schema.text, label="Tempat", hint="Kosongkan bila di kantor kecamatan")
    # Unknown unless written: a page must not promise that a service may be done by someone else.
    wajib_datang: bool | None = spec(schema.boolean, label="Wajib datang sendiri")
    penerbit: str | None = spec(
        schema.text, label="Penerbit dokumen", hint="Instansi yang menerbitkan, bila bukan kecamatan"
    )
    terkait: Links[Layanan] = spec(
        slugs_of("layanan"), default=Links(), label="Layanan terkait", hint="Langkah berikutnya bagi warga"
    )
    dasar_hukum: tuple[str, ...] = spec(TEXTS, default=(), label="Dasar hukum", hint="Satu peraturan per butir")
    formulir: tuple[Berkas, ...] = spec(schema.list_of(record(Berkas)), default=(), label="Formulir")
    kata_kunci: tuple[str, ...] = spec(
        TEXTS, default=(), label="Kata kunci", hint="Kata lain yang dipakai warga untuk mencari"
    )
    riwayat: tuple[Riwayat, ...] = spec(schema.list_of(record(Riwayat)), default=(), label="Riwayat perubahan")
    populer: bool = spec(schema.boolean, default=False, label="Tampilkan di beranda")
    # The index fills in what the service leaves out from the office's standard (None: the office has none).
    standar: Pengelolaan | None = spec(
        record(Pengelolaan), label="Standar pelayanan", hint="Kosongkan bagian yang sama dengan standar kantor"
    )
    konsultasi: Konsultasi | None = spec(consultation, label="Konsultasi publik")
    alias: tuple[str, ...] = _alias()
    slug: str = _slug()
    draf: bool = _draf()

    pengumuman: tuple[Pengumuman, ...] = ()  # announcements about this service, newest first (index)
    konsultasi_terbuka: Konsultasi | None = None  # its own or the whole standard's, open at build time (index)
    kepuasan: skm.Index | int | None = None  # its own index in the latest survey, or how few answered (index)


@dataclass(eq=False, kw_only=True)
class Pengumuman(Item):
    kind: ClassVar[str] = "pengumuman"
    body_required: ClassVar[bool] = True

    judul: str = spec(schema.line, required=True, label="Judul pengumuman")
    tanggal: dt.datetime = spec(
        schema.date_or_datetime,
        required=True,
        label="Tanggal",
        hint="TTTT-BB-HH, atau dengan jam: TTTT-BB-HH JJ:MM",
    )
    kategori: str = spec(schema.text, required=True, label="Kategori")
    # The index fills in the body's first paragraph when left empty.
    ringkasan: str | None = spec(schema.text, label="Ringkasan", hint="Kosongkan: diambil dari paragraf pertama")
    kelurahan: Links[Kelurahan] = spec(
        slugs_of("kelurahan"), default=Links(), label="Kelurahan", hint="Kosongkan bila untuk semua"
    )
    layanan: Links[Layanan] = spec(slugs_of("layanan"), default=Links(), label="Layanan terkait")
    penting: bool = spec(schema.boolean, default=False, label="Penting", hint="Disematkan di atas beranda")
    berlaku_hingga: dt.date | None = spec(schema.date, label="Berlaku hingga")
    lampiran: tuple[Berkas, ...] = spec(schema.list_of(record(Berkas)), default=(), label="Lampiran")
    gambar: str | None = spec(image_name, label="Gambar")
    gambar_alt: str | None = spec(
        schema.text, label="Keterangan gambar", hint="Isi gambar, untuk pembaca layar; wajib bila ada gambar"
    )
    acara: Acara | None = spec(
        event, label="Acara", hint="Bila pengumuman ini tentang kegiatan: kapan dan di mana (masuk kalender)"
    )
    alias: tuple[str, ...] = _alias()
    slug: str = _slug()
    draf: bool = _draf()

    berakhir: bool = False  # berlaku_hingga has passed at build time (index)
    gambar_ukuran: tuple[int, int] | None = None  # width and height of a photo gambar, for share previews (index)
    gambar_tampil: tuple[int, int] | None = None  # width and height of any gambar (SVG too), reserved on the page
    tersemat: bool = False  # penting and not berakhir: pinned on top (index)


@dataclass(eq=False, kw_only=True)
class Kelurahan(Item):
    kind: ClassVar[str] = "kelurahan"
    title_field: ClassVar[str] = "nama"

    nama: str = spec(schema.line, required=True, label="Nama kelurahan")
    alamat: str = spec(schema.text, required=True, label="Alamat kantor")
    telepon: str | None = spec(schema.text, label="Telepon")
    whatsapp: str | None = spec(
        schema.whatsapp_number, label="WhatsApp", hint="Dengan kode negara, angka saja: 628125551234"
    )
    email: str | None = spec(schema.email, label="Email")
    jam_layanan: str | None = spec(
        schema.text, label="Jam layanan", hint="Misalnya: Senin-Kamis 08.00-15.00; Jumat 08.00-11.00"
    )
    koordinat: Koordinat | None = spec(coordinates, label="Koordinat peta")
    draf: bool = _draf()

    slug: str = ""  # from the file name
    ringkasan: str = ""  # the body's first paragraph (index)
    pengumuman: tuple[Pengumuman, ...] = ()  # for this kelurahan or for all, newest first (index)

    @property
    def judul(self) -> str:
        """A kelurahan's title is its name."""
        return self.nama


@dataclass(eq=False, kw_only=True)
class Halaman(Item):
    kind: ClassVar[str] = "halaman"

    judul: str = spec(schema.line, required=True, label="Judul halaman")
    # The index fills in the body's first paragraph when left empty.
    ringkasan: str | None = spec(schema.text, label="Ringkasan")
    menu: int | None = spec(schema.whole_number, label="Urutan di menu", hint="Kosongkan bila tidak tampil di menu")
    draf: bool = _draf()

    slug: str = ""  # from the file name


@dataclass(frozen=True, kw_only=True)
class Situs:
    """The office itself: content/situs.yaml."""

    nama: str = spec(schema.line, required=True, label="Nama kantor")
    kota: str = spec(schema.line, required=True, label="Kota")
    provinsi: str = spec(schema.line, required=True, label="Provinsi")
    url: str = spec(schema.url, required=True, label="Alamat situs", hint="Diawali https://")
    alamat: str = spec(schema.text, required=True, label="Alamat kantor")
    telepon: str = spec(schema.text, required=True, label="Telepon")
    whatsapp: str = spec(
        schema.whatsapp_number, required=True, label="WhatsApp", hint="Dengan kode negara, angka saja: 628125551234"
    )
    email: str = spec(schema.email, required=True, label="Email")
    jam_layanan: str = spec(
        schema.text, required=True, label="Jam layanan", hint="Misalnya: Senin-Kamis 08.00-15.00; Jumat 08.00-11.00"
    )
    zona_waktu: str = spec(schema.timezone, required=True, label="Zona waktu", hint="Asia/Makassar untuk WITA")
    kategori_layanan: tuple[str, ...] = spec(
        schema.list_of(schema.text, minimum=1, unique=True), required=True, label="Kategori layanan"
    )
    kategori_pengumuman: tuple[str, ...] = spec(
        schema.list_of(schema.text, minimum=1, unique=True), required=True, label="Kategori pengumuman"
    )
    kategori_gratis: tuple[str, ...] = spec(
        schema.list_of(schema.text, unique=True),
        default=(),
        label="Kategori yang selalu gratis",
        hint="Dari kategori layanan",
    )
    pengaduan: tuple[Tautan, ...] = spec(
        schema.list_of(record(Tautan), minimum=1), required=True, label="Saluran pengaduan"
    )
    survei: str | None = spec(schema.url, label="Alamat survei kepuasan")
    tautan: tuple[Tautan, ...] = spec(schema.list_of(record(Tautan)), default=(), label="Tautan lain")
    lisensi_data: Tautan | None = spec(record(Tautan), label="Lisensi data terbuka")
    standar: Standar | None = spec(record(Standar), label="Standar pelayanan", hint="Berlaku untuk semua layanan")
    maklumat: Maklumat | None = spec(record(Maklumat), label="Maklumat pelayanan")
    hari_libur: tuple[dt.date, ...] = spec(
        schema.list_of(schema.date, unique=True),
        default=(),
        label="Hari libur kantor",
        hint="Libur nasional dan cuti bersama yang kantor ikuti; Sabtu dan Minggu tidak perlu ditulis",
    )
    retensi_status: int = spec(
        schema.whole_number,
        default=30,
        label="Lama status berkas tampil",
        hint="Hari sesudah berkas diambil atau ditolak; sesudah itu halaman statusnya tidak terbit lagi",
    )

    placeholders: tuple[tuple[str, int, str], ...] = field(default=(), compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zona_waktu)

    @property
    def domain(self) -> str:
        return urlsplit(self.url).netloc


def by_slug(services: list[Layanan]) -> dict[str, Layanan]:
    """Each service by its slug and its former ones (alias): how a status record written before a rename names it."""
    return {slug: service for service in services for slug in (service.slug, *service.alias)}


def first_slug(item: Layanan | Pengumuman) -> str:
    """Aliases list former slugs oldest first; the oldest one names the item for good (feeds, short links)."""
    return item.alias[0] if item.alias else item.slug


# Every kind has judul (a kelurahan's is its nama): code that takes any item takes this.
AnyItem = Layanan | Pengumuman | Kelurahan | Halaman
KINDS: dict[str, type[AnyItem]] = {cls.kind: cls for cls in (Layanan, Pengumuman, Kelurahan, Halaman)}
FIELDS: dict[str, dict[str, Field[Any]]] = {kind: schema.fields_of(cls) for kind, cls in KINDS.items()}
SITUS_FIELDS: dict[str, Field[Any]] = schema.fields_of(Situs)


def _check_layanan(c: Checker, values: dict[str, Any]) -> None:
    if "daring" in values.get("kanal", ()) and c.doc.data.get("tautan_daring") is None:
        c.error("tautan_daring", "wajib diisi karena kanal memuat 'daring'; tulis alamat pengajuan daringnya")


def _check_pengumuman(c: Checker, values: dict[str, Any]) -> None:
    if values.get("gambar") and not c.doc.data.get("gambar_alt"):
        c.error("gambar_alt", "wajib diisi bila ada gambar; jelaskan isi gambar untuk pembaca layar")
    published, until = values.get("tanggal"), values.get("berlaku_hingga")
    if isinstance(published, dt.datetime) and isinstance(until, dt.date) and until < published.date():
        c.error(
            "berlaku_hingga",
            f"{tanggal(until)} lebih awal dari tanggal terbit ({tanggal(published)}): pengumuman ini akan langsung "
            "berakhir; periksa tanggalnya",
        )
    if values.get("penting") and c.doc.data.get("berlaku_hingga") is None:
        c.warn("penting", "pengumuman penting tanpa berlaku_hingga akan disematkan selamanya; isi tanggal berakhirnya")


RULES: dict[str, Callable[[Checker, dict[str, Any]], None]] = {
    "layanan": _check_layanan,
    "pengumuman": _check_pengumuman,
}


def validate(kind: str, c: Checker) -> dict[str, Any]:
    """Check a document of ``kind``; returns its valid fields, absent optional ones defaulted."""
    values = schema.check_fields(c, "", c.doc.data, FIELDS[kind])
    if kind in RULES:
        RULES[kind](c, values)
    return values
