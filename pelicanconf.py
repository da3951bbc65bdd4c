"""Development settings of this repository's example site: the package's own."""

from layanan.settings import *  # noqa: F403
