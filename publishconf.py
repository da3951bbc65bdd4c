"""Production settings: what `invoke preview` builds and `invoke publish` deploys.

The site's address is `url` in the content's own situs.yaml (or SITEURL from the
environment), read by the plugin for whichever content folder is built.
"""

from layanan.settings import *  # noqa: F403

LAYANAN_SEARCH = True
LAYANAN_PDF = True
# Fingerprinted CSS/JS (cached for a year) and gzip/brotli side files for the web server.
LAYANAN_PRODUCTION = True
