"""Serve the built site on 127.0.0.1, with the site's own 404 page.

During a live preview, while the last build failed, every page shows the
problems instead (file, line, message) and reloads itself every few seconds,
so fixing the file brings the site back without touching the browser.
"""

from __future__ import annotations

import errno
import functools
import http.server
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from layanan.base.problems import ConfigError
from layanan.content import receipts, routes

ERROR_PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>Berkas perlu diperbaiki</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 1rem auto; max-width: 50rem; padding: 0 1rem; color: #1b1b1b; }}
li {{ margin: .5rem 0; padding: .5rem; border-left: 5px solid #b00020; background: #fdecee; }}
code {{ font-weight: 700; }}
</style>
</head>
<body>
<main>
<h1>Berkas perlu diperbaiki</h1>
<p>Situs belum bisa dibangun ulang. Perbaiki {count} masalah berikut lalu simpan berkasnya;
halaman ini akan kembali sendiri. Situs yang terbit tidak terpengaruh.</p>
<ul>
{items}
</ul>
<p>Cara membaca pesan ini: docs/panduan-petugas.md, bagian "Pesan kesalahan".</p>
</main>
</body>
</html>
"""


def error_page(lines: list[str]) -> bytes:
    items = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return ERROR_PAGE.format(count=len(lines), items=items).encode("utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - http.server's class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xml": "application/xml",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".ics": "text/calendar; charset=utf-8",
    }

    def __init__(self, *args: Any, problems: Callable[[], list[str]] | None = None, **kwargs: Any) -> None:
        self.problems = problems
        super().__init__(*args, **kwargs)

    def _send_html(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> Any:
        lines = self.problems() if self.problems else []
        path, _, query = self.path.partition("?")
        if lines and (path.endswith("/") or path.endswith(".html")):
            self._send_html(500, error_page(lines))
            return None
        if path == routes.STATUS_LOOKUP:  # the receipt-code form, as deploy/nginx.conf answers it
            code = receipts.lookup(parse_qs(query).get("kode", [""])[0])
            self.send_response(303)
            self.send_header("Location", routes.status(code).url if code else routes.STATUS_UNKNOWN.url)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self._published():
            self.send_error(404)
            return None
        return super().send_head()

    def _published(self) -> bool:
        """A regular file under the output folder (a folder's index.html), reached through no symlink."""
        root = Path(self.directory)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        current = root
        for part in path.relative_to(root).parts:
            current = current / part
            if current.is_symlink():
                return False
        return current.is_file()

    def list_directory(self, path: Any) -> None:
        """Never list a folder: only what the build published is served."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # An unknown receipt code gets the status lookup's own page, as under nginx.
        unknown = routes.STATUS_UNKNOWN.save_as if self.path.startswith(routes.STATUS_INDEX.url) else ""
        page = Path(self.directory) / (unknown or "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send_html(404, page.read_bytes())


def make_server(
    directory: str, port: int, problems: Callable[[], list[str]] | None = None, host: str = "127.0.0.1"
) -> http.server.ThreadingHTTPServer:
    # Not resolved: output/ is a symlink replaced by every build, followed afresh on each request.
    handler = functools.partial(Handler, directory=os.path.abspath(directory), problems=problems)
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(
                f"port {port} sudah dipakai program lain (mungkin pratinjau yang masih berjalan); hentikan program "
                f"itu, atau pakai port lain: --port {port + 1}"
            ) from exc
        raise ConfigError(f"tidak bisa membuka {host}:{port}: {exc.strerror}") from exc


def serve(directory: str, port: int) -> None:
    server = make_server(directory, port)
    print(f"Situs tersedia di http://127.0.0.1:{port}/ (tekan Ctrl+C untuk berhenti)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
