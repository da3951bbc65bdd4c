"""QR codes decode, with a real decoder (zbar), to the page's production URL."""

from __future__ import annotations

import subprocess

import pytest

from conftest import Built


def decode(png: bytes, tmp_path) -> str:
    image = tmp_path / "qr.png"
    image.write_bytes(png)
    run = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True)
    return run.stdout.strip()


@pytest.mark.parametrize(
    ("url", "selector", "target"),
    [
        (
            "/layanan/layanan-lengkap/poster/",
            ".poster-qr svg",
            "https://kec-contoh.example.go.id/layanan/layanan-lengkap/",
        ),
        ("/poster/", ".poster-qr svg", "https://kec-contoh.example.go.id/"),
    ],
)
def test_poster_qr_decodes_to_the_page(
    page, serve, searchable: Built, tmp_path, url: str, selector: str, target: str
) -> None:
    page.goto(serve(searchable) + url)
    assert decode(page.locator(selector).screenshot(), tmp_path) == target


def test_printed_qr_decodes_to_the_service(page, serve, searchable: Built, tmp_path) -> None:
    page.goto(serve(searchable) + "/layanan/kedua/")
    page.emulate_media(media="print")
    assert (
        decode(page.locator("figure.qr-cetak svg").screenshot(), tmp_path)
        == "https://kec-contoh.example.go.id/layanan/kedua/"
    )


def test_qr_file_for_each_service(page, serve, searchable: Built, tmp_path) -> None:
    page.goto(serve(searchable) + "/layanan/panjang/qr.svg")
    assert decode(page.screenshot(), tmp_path) == "https://kec-contoh.example.go.id/layanan/panjang/"


def test_qr_has_an_accessible_name(searchable: Built) -> None:
    svg = searchable.soup("/layanan/kedua/").select_one("figure.qr-cetak svg")
    assert svg["role"] == "img" and svg["aria-label"].endswith("/layanan/kedua/")
