"""The build clock: the one "now" that pinning, expiry, scheduling and `dibuat` read."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from layanan.base.problems import ConfigError


def build_time(tz: ZoneInfo) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the current time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz)
        except (ValueError, OverflowError, OSError) as exc:
            raise ConfigError(
                f"SOURCE_DATE_EPOCH '{epoch}' bukan waktu yang sah; isi dengan jumlah detik sejak 1970 "
                "(misalnya 1795838400) atau kosongkan"
            ) from exc
    return dt.datetime.now(tz).replace(microsecond=0)
