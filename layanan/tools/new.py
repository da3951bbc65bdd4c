"""``invoke new layanan|pengumuman "Judul"``: a new content file with every field explained.

The file is a draft whose unknown values are ``[ISI: ...]`` placeholders, so it
passes ``invoke check`` as it is and cannot be published until filled in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from layanan.base.clock import build_time
from layanan.base.problems import display_path
from layanan.content.model import Situs

SLUG_SUBSTITUTIONS = [*DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"], (r"_", "-"), (r"-+", "-")]

LAYANAN = """\
---
# Nama layanan, seperti yang dicari warga.
judul: {judul}
# Salah satu kategori_layanan di situs.yaml: {kategori_semua}
kategori: {kategori}
# Untuk siapa layanan ini, satu kalimat (paling banyak 200 huruf).
ringkasan: "[ISI: untuk siapa layanan ini]"
# Dokumen yang dibawa: satu butir per baris. Butir boleh berupa teks saja, atau
# "dokumen:" dengan "jumlah:", "keterangan:", "jika:" (hanya perlu dalam keadaan
# itu, misalnya "jika: KTP-el hilang") atau "opsional: true" (bawa bila ada), atau
# "salah_satu:" berisi dua dokumen atau lebih, cukup dibawa salah satunya:
#   - salah_satu:
#       - dokumen: Surat keterangan kehilangan dari kepolisian
#         jika: KTP-el hilang
#       - dokumen: KTP-el yang rusak
#         jika: KTP-el rusak
persyaratan:
  - "[ISI: dokumen pertama]"
# Langkah-langkah, berurutan.
prosedur:
  - "[ISI: langkah pertama]"
# Lama penyelesaian, misalnya: 1 hari kerja
waktu: "[ISI: waktu penyelesaian]"
# Rupiah tanpa titik: 0 berarti gratis, misalnya 50000. Layanan kategori
# {kategori_gratis} wajib 0.
biaya: 0
# Yang diterima warga, misalnya: Kartu Keluarga (KK)
produk: "[ISI: yang diterima warga]"
# Cara mengajukan: whatsapp, loket, daring (bila daring, isi tautan_daring).
kanal:
  - loket
# Tanggal isi ini terakhir diperiksa (TTTT-BB-HH, tahun-bulan-hari).
diperbarui: {hari_ini}
# Alamat pengajuan daring, wajib bila kanal memuat daring: https://...
tautan_daring:
# Tempat datang bila bukan kantor kecamatan, misalnya: Loket 2, Kantor Kelurahan
tempat:
# true bila pemohon harus datang sendiri (misalnya rekam sidik jari), false bila boleh diwakilkan;
# kosongkan bila belum pasti (halaman layanan tidak menyebut apa-apa).
wajib_datang:
# Siapa yang menerbitkan dokumen dan apa peran kantor ini.
penerbit:
# Layanan lanjutan yang biasanya diurus sesudahnya (nama berkasnya), berurutan.
terkait:
# Peraturan yang menjadi dasar layanan.
dasar_hukum:
# Formulir di content/berkas/, misalnya:
#   - judul: Formulir F-1.02
#     berkas: f-1.02.pdf
formulir:
# Kata lain yang dicari warga, misalnya: e-KTP
kata_kunci:
# Perubahan persyaratan, misalnya:
#   - tanggal: {hari_ini}
#     perubahan: Surat pengantar RT tidak lagi diminta.
riwayat:
# true agar tampil di beranda.
populer: false
# Bagian standar pelayanan yang berbeda dari standar kantor di situs.yaml, misalnya:
#   jumlah_pelaksana:
#     - 2 orang petugas loket
standar:
# Konsultasi publik atas rancangan standar layanan ini (TTTT-BB-HH), misalnya:
#   mulai: {hari_ini}
#   selesai: {hari_ini}
#   catatan: Waktu penyelesaian diusulkan menjadi 1 hari kerja.
konsultasi:
# Alamat lama bila nama berkas pernah diganti.
alias:
# Hapus baris ini (atau tulis false) bila sudah siap terbit.
draf: true
---
[ISI: catatan dan pertanyaan yang sering diajukan warga, atau hapus baris ini]
"""

PENGUMUMAN = """\
---
# Judul pengumuman.
judul: {judul}
# Waktu terbit: TTTT-BB-HH, tahun-bulan-hari, atau dengan jam: {hari_ini} 08:00 (zona waktu situs.yaml).
# Bila di masa depan, pengumuman baru tampil saat waktunya tiba.
tanggal: {hari_ini}
# Salah satu kategori_pengumuman di situs.yaml: {kategori_semua}
kategori: {kategori}
# Ringkasan satu kalimat; bila kosong, paragraf pertama.
ringkasan:
# Kelurahan yang dituju (nama berkasnya); kosong berarti seluruh kecamatan.
kelurahan:
# Layanan terkait (nama berkasnya); halaman layanan juga menautkan ke sini.
layanan:
# true: disematkan di atas sampai berlaku_hingga.
penting: false
# Tanggal terakhir berlaku (TTTT-BB-HH, tahun-bulan-hari); sesudahnya ditandai sudah berakhir.
berlaku_hingga:
# Lampiran di content/berkas/, misalnya:
#   - judul: Jadwal lengkap
#     berkas: jadwal.pdf
lampiran:
# Gambar di content/berkas/ dan penjelasan isinya (wajib bila ada gambar).
gambar:
gambar_alt:
# Bila pengumuman ini tentang kegiatan: kapan dan di mana (masuk kalender warga), misalnya:
#   mulai: {hari_ini} 08:00
#   selesai: {hari_ini} 12:00
#   tempat: Kantor Kelurahan
acara:
# Alamat lama bila nama berkas pernah diganti.
alias:
# Hapus baris ini (atau tulis false) bila sudah siap terbit.
draf: true
---
[ISI: isi pengumuman]
"""

TEMPLATES = {"layanan": LAYANAN, "pengumuman": PENGUMUMAN}


class NewFileError(Exception):
    """The file cannot be written (it exists, or the title makes no address)."""


def slug_for(title: str) -> str:
    return str(slugify(title, regex_subs=SLUG_SUBSTITUTIONS)).strip("-")


def category_for(title: str, categories: tuple[str, ...]) -> str:
    """The only category, or the one category sharing a word with the title; else staff choose."""
    words = {w for w in re.findall(r"\w{4,}", title.lower())}
    fitting = [c for c in categories if words & set(re.findall(r"\w{4,}", c.lower()))]
    if len(categories) == 1 or len(fitting) == 1:
        return categories[0] if len(categories) == 1 else fitting[0]
    return f"[ISI: pilih salah satu: {', '.join(categories)}]"


def create(kind: str, title: str, content_path: str, situs: Situs) -> Path:
    slug = slug_for(title)
    if not slug:
        raise NewFileError(f"judul '{title}' tidak bisa dijadikan alamat; pakai huruf atau angka")
    today = build_time(situs.tz).date().isoformat()
    name = f"{today}-{slug}.md" if kind == "pengumuman" else f"{slug}.md"
    target = Path(content_path) / kind / name
    if target.exists():
        raise NewFileError(f"{display_path(target)} sudah ada; pilih judul lain atau ubah berkas itu")
    categories = situs.kategori_layanan if kind == "layanan" else situs.kategori_pengumuman
    text = TEMPLATES[kind].format(
        judul=json.dumps(title, ensure_ascii=False),  # a JSON string is a valid YAML scalar
        kategori=json.dumps(category_for(title, categories), ensure_ascii=False),
        kategori_semua=", ".join(categories),
        kategori_gratis=", ".join(situs.kategori_gratis) or "(tidak ada)",
        hari_ini=today,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target
