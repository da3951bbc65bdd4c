"""The build clock: the one "now" that pinning, expiry, scheduling and `dibuat` read."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


def build_time(tz: ZoneInfo) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the current time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz)
    return dt.datetime.now(tz).replace(microsecond=0)
