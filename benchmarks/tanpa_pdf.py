"""publishconf.py without the Standar Pelayanan PDFs: the production build `invoke bench` compares with
vanilla Pelican, which prints none (benchmarks/pdf.py measures the PDFs)."""

from pathlib import Path

from publishconf import *  # noqa: F403

LAYANAN_PDF = False
CACHE_PATH = str(Path(__file__).resolve().parent.parent / "cache")  # the repository's, as for the other builds
