"""deploy/nginx.conf with this site's domain and paths filled in, and the alias redirect list."""

from __future__ import annotations

import re
from pathlib import Path

from layanan.content import receipts
from layanan.render.outputs import Output

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
ALIAS_FILE = "nginx-alias.conf"


# A folder or file path pasted into the config: absolute, and nothing nginx would read as syntax.
SAFE_PATH = re.compile(r"/[A-Za-z0-9._/-]*")


class NginxError(ValueError):
    """A value that cannot go into the config as it is; the message is for the technical officer."""


def render(domain: str, site: str, cert: str = "", key: str = "", template: Path = TEMPLATE) -> str:
    """The config for ``domain``; certificates default to certbot's paths."""
    for name, path in (("--site", site), ("sertifikat", cert), ("kunci", key)):
        if path and (not SAFE_PATH.fullmatch(path) or "/../" in f"{path}/"):
            raise NginxError(
                f"{name} '{path}' tidak bisa ditulis ke konfigurasi nginx; tulis folder lengkap yang diawali /, "
                "dengan huruf, angka, '.', '_', '-' dan '/' saja, misalnya /srv/situs"
            )
    cert = cert or f"/etc/letsencrypt/live/{domain}/fullchain.pem"
    key = key or f"/etc/letsencrypt/live/{domain}/privkey.pem"
    text = template.read_text(encoding="utf-8")
    values = {"@DOMAIN@": domain, "@SITE@": site.rstrip("/"), "@CERT@": cert, "@KEY@": key}
    values["@STATUS_KODE@"] = status_maps()  # the same rule as the development server's (receipts.lookup)
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def status_maps() -> str:
    """nginx maps giving $layanan_kode_besar, the code typed in any case, in capitals with its hyphen.

    nginx cannot change a letter's case, but a map's string keys match ignoring case: the code is taken
    apart character by character, and each is looked up in a table of the alphabet.
    """
    table = " ".join(f"{c.lower()} {c};" for c in receipts.ALPHABET)
    blocks = [f'map $arg_kode $layanan_kode {{\n    default "";\n    "{receipts.NGINX_LOOKUP}" "$1$2";\n}}']
    for n in range(1, 9):
        blocks.append(f'map $layanan_kode $layanan_kode_{n} {{\n    "~^.{{{n - 1}}}(.)" $1;\n}}')
        blocks.append(f"map $layanan_kode_{n} $layanan_kode_besar_{n} {{\n    {table}\n}}")
    joined = "".join(f"$layanan_kode_besar_{n}" + ("-" if n == 4 else "") for n in range(1, 9))
    blocks.append(f'map $layanan_kode $layanan_kode_besar {{\n    default "";\n    "~." "{joined}";\n}}')
    return "\n".join(blocks)


def alias_rules(redirects: list[Output]) -> str:
    """One exact-match location per former address: a real 301 where nginx serves the site."""
    lines = ["# Written by the build from `alias` in content/: former addresses and where they moved."]
    for output in redirects:
        target = output.vars["target"].url
        lines.append(f"location = {output.url} {{ return 301 {target}; }}")
        lines.append(f"location = {output.url.rstrip('/')} {{ return 301 {target}; }}")
    return "\n".join(lines) + "\n"


def write_alias_file(redirects: list[Output], output_path: str) -> str:
    (Path(output_path) / ALIAS_FILE).write_text(alias_rules(redirects), encoding="utf-8")
    return ALIAS_FILE
