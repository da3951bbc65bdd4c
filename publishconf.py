"""Production settings: what `invoke preview` builds and `invoke publish` deploys."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from layanan.situs import read_url
from pelicanconf import *  # noqa: F403

# The site's address: SITEURL from the environment, else `url` in situs.yaml.
SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/") or read_url(PATH)  # noqa: F405
LAYANAN_SEARCH = True
# Fingerprinted CSS/JS (cached for a year) and gzip/brotli side files for the web server.
LAYANAN_PRODUCTION = True
