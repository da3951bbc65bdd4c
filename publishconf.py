"""Production settings: what `invoke preview` builds and `invoke publish` deploys.

The site's address is `url` in the content's own situs.yaml (or SITEURL from the
environment), read by the plugin for whichever content folder is built.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

LAYANAN_SEARCH = True
# Fingerprinted CSS/JS (cached for a year) and gzip/brotli side files for the web server.
LAYANAN_PRODUCTION = True
