"""The editor's public address: which Origin and Host a browser that opened it sends.

Browsers leave the scheme's default port out of ``Origin`` (``https://penyunting.example``,
never ``...:443``), and a proxy may or may not add it to ``Host``; so both are compared
as (scheme, host, port) with default ports filled in, against the address the
editor was started with, never against whatever ``Host`` claims.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
from dataclasses import dataclass

DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressError(ValueError):
    """An address given on the command line that a browser could not open; the message is for staff."""


@dataclass(frozen=True)
class Place:
    scheme: str
    host: str  # lower case; an IPv6 address without brackets
    port: int


def _place(scheme: str, netloc: str) -> Place | None:
    try:
        parts = urllib.parse.urlsplit(f"{scheme}://{netloc}")
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or scheme not in DEFAULT_PORTS or parts.username is not None or parts.password is not None:
        return None
    return Place(scheme, host.lower().rstrip("."), port or DEFAULT_PORTS[scheme])


def loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


@dataclass(frozen=True)
class Public:
    """Where browsers reach the editor: one address, or this machine's loopback names on one port."""

    places: frozenset[Place]

    @classmethod
    def parse(cls, url: str | None, listen_host: str, listen_port: int) -> Public:
        if url is None:
            if not loopback(listen_host):
                raise AddressError(
                    f"penyunting mendengar di {listen_host}: tulis juga --url, alamat yang dibuka petugas di "
                    "peramban (misalnya https://penyunting.kecamatan.example; lihat deploy/README.md)"
                )
            names = ("127.0.0.1", "localhost", "::1")
            return cls(frozenset(Place("http", name, listen_port) for name in names))
        parts = urllib.parse.urlsplit(url.strip())
        place = _place(parts.scheme, parts.netloc)
        if place is None or parts.path not in ("", "/") or parts.query or parts.fragment:
            raise AddressError(
                f"--url '{url}' bukan alamat situs, contoh yang benar: https://penyunting.kecamatan.example"
            )
        return cls(frozenset({place}))

    @property
    def https(self) -> bool:
        return all(place.scheme == "https" for place in self.places)

    def origin_ok(self, origin: str | None) -> bool:
        """``Origin`` as a browser sends it from a page of this editor (scheme://host[:port], nothing else)."""
        if not origin or origin == "null" or "://" not in origin:
            return False
        scheme, _, netloc = origin.partition("://")
        if "/" in netloc:
            return False
        return _place(scheme.lower(), netloc) in self.places

    def host_ok(self, host: str | None) -> bool:
        """``Host`` names this editor (a DNS-rebound name does not), with or without the default port."""
        if not host:
            return False
        return any(_place(place.scheme, host) == place for place in self.places)
