"""Open data: ``/api/layanan.json``, every published service with every field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pelican.contents import Page

from layanan import schema
from layanan.filters import berkas_url
from layanan.site import Site

API_PATH = "api/layanan.json"
VERSION = 1
INTERNAL = {"draf"}


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def service_record(site: Site, service: Page) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": service.slug, "url": site.situs.url + service.url}
    for name in schema.LAYANAN:
        if name in INTERNAL or name == "slug":
            continue
        record[name] = _plain(service.metadata.get(name))
    record["tempat"] = record["tempat"] or site.situs.alamat
    record["formulir"] = [dict(f, url=site.situs.url + berkas_url(f["berkas"])) for f in record["formulir"]]
    return record


def write(site: Site, output_path: str) -> str:
    document = {
        "versi": VERSION,
        "dibuat": site.now.isoformat(),
        "layanan": [service_record(site, s) for s in site.layanan],
    }
    target = Path(output_path) / API_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return API_PATH
