"""Deterministic synthetic content, in our format and the same bodies for vanilla Pelican and Hugo.

    python benchmarks/generate.py OUT --services 200 --announcements 5000

writes OUT/konten (our content folder), OUT/pelican (content + pelicanconf.py for
vanilla Pelican with its simple theme and default feeds) and OUT/hugo (a Hugo
site with a minimal layout: single and list pages, RSS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

SEED = 20261128
KELURAHAN = [
    "Loa Buah",
    "Loa Bakung",
    "Karang Asam Ulu",
    "Karang Asam Ilir",
    "Teluk Lerong Ulu",
    "Lok Bahu",
    "Karang Anyar",
]
SERVICE_CATEGORIES = ["Administrasi Kependudukan", "Surat Keterangan", "Perizinan dan Rekomendasi"]
ANNOUNCEMENT_CATEGORIES = ["Layanan", "Jadwal", "Kegiatan", "Informasi Umum"]
WORDS = (  # noqa: SIM905 - a word list reads better as text
    "warga kelurahan kecamatan layanan surat keterangan kartu keluarga akta kelahiran kematian pindah datang "
    "petugas loket jadwal pelayanan persyaratan dokumen fotokopi asli formulir pengajuan perekaman data "
    "penduduk wilayah kantor hari kerja pagi siang sore minggu bulan tahun program bantuan sosial kesehatan "
    "pendidikan posyandu lingkungan kebersihan gotong royong rapat musyawarah pembangunan jalan saluran air "
    "banjir musim hujan kemarau pasar usaha mikro kecil menengah izin bangunan tanah waris nikah cerai agama "
    "sekolah anak remaja lansia disabilitas rentan informasi pengumuman penting segera mohon harap bawa datang"
).split()


def sentence(rng: random.Random, low: int = 6, high: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, services: list[str], words: int) -> str:
    """Paragraphs, a list, bold words and links to real services, about ``words`` words long."""
    parts, count = [], 0
    while count < words:
        kind = rng.random()
        if kind < 0.15:
            items = [sentence(rng, 3, 7) for _ in range(rng.randint(3, 6))]
            parts.append("\n".join(f"- {item}" for item in items))
            count += sum(len(i.split()) for i in items)
        else:
            text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
            if rng.random() < 0.4:
                word = rng.choice(WORDS)
                text = text.replace(f" {word} ", f" **{word}** ", 1)
            if rng.random() < 0.3 and services:
                slug = rng.choice(services)
                text += f" Lihat [persyaratan layanan](/layanan/{slug}/)."
            parts.append(text)
            count += len(text.split())
    return "\n\n".join(parts) + "\n"


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def write_ours(root: Path, rng: random.Random, services: int, announcements: int) -> list[dict]:
    (root / "layanan").mkdir(parents=True)
    for folder in ("pengumuman", "kelurahan", "halaman", "berkas"):
        (root / folder).mkdir()
    (root / "situs.yaml").write_text(
        "nama: Kecamatan Contoh\nkota: Kota Uji\nprovinsi: Provinsi Uji\nurl: https://kec-contoh.example.go.id\n"
        'alamat: Jalan Contoh 1\ntelepon: "0541 700100"\nwhatsapp: "628115550001"\n'
        "email: layanan@kec-contoh.example.go.id\njam_layanan: Senin-Jumat 08.00-15.00\nzona_waktu: Asia/Makassar\n"
        "kategori_layanan:\n"
        + "".join(f"  - {c}\n" for c in SERVICE_CATEGORIES)
        + "kategori_pengumuman:\n"
        + "".join(f"  - {c}\n" for c in ANNOUNCEMENT_CATEGORIES)
        + "kategori_gratis:\n  - Administrasi Kependudukan\n"
        "pengaduan:\n  - judul: SP4N-LAPOR!\n    url: https://www.lapor.go.id\n"
        # A standard, so production builds print each service's Standar Pelayanan to PDF.
        "standar:\n"
        + "".join(
            f"  {name}:\n    - Uraian {name.replace('_', ' ')} untuk semua layanan.\n"
            for name in (
                "sarana",
                "kompetensi_pelaksana",
                "pengawasan_internal",
                "jumlah_pelaksana",
                "jaminan_pelayanan",
                "jaminan_keamanan",
                "evaluasi_kinerja",
            )
        )
        + "  keputusan:\n    nomor: 800/1/2026\n    tanggal: 2026-01-02\n    penandatangan: Nama Camat\n"
        "    jabatan: Camat Contoh\n  berlaku_sejak: 2026-01-02\n"
        "maklumat:\n  teks: Kami sanggup melayani sesuai standar pelayanan.\n  penandatangan: Nama Camat\n"
        "  jabatan: Camat Contoh\n",
        encoding="utf-8",
    )
    for name in KELURAHAN:
        (root / "kelurahan" / f"{slugify(name)}.md").write_text(
            f"---\nnama: Kelurahan {name}\nalamat: Jalan {name} 1\n---\nKelurahan {name}.\n", encoding="utf-8"
        )
    (root / "halaman" / "tentang.md").write_text(
        "---\njudul: Tentang\nmenu: 1\n---\nTentang situs.\n", encoding="utf-8"
    )
    slugs = [f"layanan-{n:04d}" for n in range(services)]
    records = []
    for n, slug in enumerate(slugs):
        category = SERVICE_CATEGORIES[n % len(SERVICE_CATEGORIES)]
        requirements = [sentence(rng, 2, 5).rstrip(".") for _ in range(rng.randint(3, 12))]
        steps = [sentence(rng, 4, 9) for _ in range(rng.randint(2, 6))]
        title = f"Layanan {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {n}"
        text = (
            f"---\njudul: {title}\nkategori: {category}\nringkasan: {sentence(rng)}\npersyaratan:\n"
            + "".join(f"  - {r}\n" for r in requirements)
            + "prosedur:\n"
            + "".join(f"  - {s}\n" for s in steps)
            + f"waktu: {rng.randint(1, 14)} hari kerja\n"
            + f"biaya: {0 if category == SERVICE_CATEGORIES[0] else rng.choice([0, 10000, 25000])}\n"
            + f"produk: Surat {rng.choice(WORDS)}\nkanal:\n  - loket\n  - whatsapp\ndiperbarui: 2026-11-01\n"
            + ("riwayat:\n  - tanggal: 2026-10-01\n    perubahan: " + sentence(rng) + "\n" if n % 4 == 0 else "")
            + ("populer: true\n" if n < 6 else "")
            + "---\n"
            + body(rng, [], rng.randint(40, 120))
        )
        (root / "layanan" / f"{slug}.md").write_text(text, encoding="utf-8")
        records.append(
            {
                "kind": "page",
                "slug": slug,
                "title": title,
                "date": dt.date(2026, 11, 1),
                "body": text.split("---\n", 2)[2],
            }
        )
    start = dt.datetime(2022, 1, 1, 8, 0)
    for n in range(announcements):
        when = start + dt.timedelta(hours=7 * n)
        title = f"Pengumuman {sentence(rng, 3, 6).rstrip('.')} {n}"
        villages = rng.sample([slugify(k) for k in KELURAHAN], rng.randint(0, 2))
        text = (
            f'---\njudul: "{title}"\ntanggal: {when:%Y-%m-%d %H:%M}\n'
            f"kategori: {ANNOUNCEMENT_CATEGORIES[n % len(ANNOUNCEMENT_CATEGORIES)]}\n"
            + ("kelurahan:\n" + "".join(f"  - {v}\n" for v in villages) if villages else "")
            + ("layanan:\n  - " + rng.choice(slugs) + "\n" if n % 5 == 0 else "")
            + "---\n"
            + body(rng, slugs, rng.randint(300, 600))
        )
        name = f"{when:%Y-%m-%d}-pengumuman-{n:05d}.md"
        (root / "pengumuman" / name).write_text(text, encoding="utf-8")
        records.append(
            {
                "kind": "article",
                "slug": f"pengumuman-{n:05d}",
                "title": title,
                "date": when,
                "body": text.split("---\n", 2)[2],
            }
        )
    return records


def write_pelican(root: Path, records: list[dict]) -> None:
    """Vanilla Pelican: its own metadata header, the simple theme, its default feeds."""
    (root / "content" / "pages").mkdir(parents=True)
    for record in records:
        header = f"Title: {record['title']}\nSlug: {record['slug']}\n"
        if record["kind"] == "article":
            header += f"Date: {record['date']:%Y-%m-%d %H:%M}\nCategory: Pengumuman\n"
            target = root / "content" / f"{record['slug']}.md"
        else:
            target = root / "content" / "pages" / f"{record['slug']}.md"
        target.write_text(header + "\n" + record["body"], encoding="utf-8")
    (root / "pelicanconf.py").write_text(
        'AUTHOR = "Kecamatan Contoh"\nSITENAME = "Kecamatan Contoh"\nSITEURL = ""\nPATH = "content"\n'
        'TIMEZONE = "Asia/Makassar"\nDEFAULT_LANG = "id"\nTHEME = "simple"\nDEFAULT_PAGINATION = 10\n'
        "RELATIVE_URLS = False\n",
        encoding="utf-8",
    )


def write_hugo(root: Path, records: list[dict]) -> None:
    """Hugo: YAML front matter, a minimal layout with single and list pages, and RSS."""
    for section in ("pengumuman", "layanan"):
        (root / "content" / section).mkdir(parents=True)
    for record in records:
        section = "pengumuman" if record["kind"] == "article" else "layanan"
        date = record["date"].isoformat() if isinstance(record["date"], dt.datetime) else f"{record['date']}T00:00:00"
        front = f'---\ntitle: "{record["title"]}"\ndate: {date}+08:00\nslug: {record["slug"]}\n---\n'
        (root / "content" / section / f"{record['slug']}.md").write_text(front + record["body"], encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    base = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>'
        '<nav><a href="/">Beranda</a> <a href="/pengumuman/">Pengumuman</a> <a href="/layanan/">Layanan</a></nav>'
    )
    (layouts / "single.html").write_text(base + "<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n")
    (layouts / "list.html").write_text(
        base + '<main><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>"
        '{{ template "_internal/pagination.html" . }}</main></body></html>\n'
    )
    (root / "layouts" / "index.html").write_text(base + "<main><h1>{{ .Site.Title }}</h1></main></body></html>\n")
    (root / "hugo.toml").write_text(
        'baseURL = "https://kec-contoh.example.go.id/"\nlanguageCode = "id"\ntitle = "Kecamatan Contoh"\n'
        'paginate = 10\n[outputs]\nsection = ["HTML", "RSS"]\nhome = ["HTML", "RSS"]\n',
        encoding="utf-8",
    )


def generate(out: Path, services: int, announcements: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(SEED)
    records = write_ours(out / "konten", rng, services, announcements)
    write_pelican(out / "pelican", records)
    write_hugo(out / "hugo", records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--announcements", type=int, default=200)
    args = parser.parse_args()
    generate(args.out, args.services, args.announcements)


if __name__ == "__main__":
    main()
