"""The editor's accounts: name, full name, e-mail, role and an argon2id password hash.

Kept in ``.editor/pengguna.json`` beside content/ (never inside it, never in git),
readable by the editor's own user only.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from layanan.content.schema import EMAIL_RE

ROLES = ("penyunting", "penerbit")
NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 10


@functools.cache
def _hasher() -> Any:
    """argon2id with the library's recommended parameters; imported on first use, not by every command."""
    from argon2 import PasswordHasher

    return PasswordHasher()


class UserError(Exception):
    """A request about accounts that cannot be done; the message is for staff."""


@dataclass
class User:
    name: str
    nama: str
    email: str
    peran: str
    hash: str

    @property
    def publishes(self) -> bool:
        return self.peran == "penerbit"


def path(state: Path) -> Path:
    return state / "pengguna.json"


def load(state: Path) -> dict[str, User]:
    try:
        raw = json.loads(path(state).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {name: User(name=name, **fields) for name, fields in raw.items()}


def save(state: Path, users: dict[str, User]) -> None:
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = {u.name: {k: v for k, v in asdict(u).items() if k != "name"} for u in users.values()}
    fd, temporary = tempfile.mkstemp(dir=state, prefix=".pengguna-")  # mode 0600
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path(state))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"sandi terlalu pendek ({len(password)} huruf); paling sedikit {MIN_PASSWORD} huruf")


def add(state: Path, name: str, nama: str, email: str, peran: str, password: str) -> User:
    users = load(state)
    if not NAME_RE.fullmatch(name):
        raise UserError(f"nama pengguna '{name}' tidak sah; pakai huruf kecil, angka, titik atau '-', 2-32 huruf")
    if name in users:
        raise UserError(f"pengguna '{name}' sudah ada; untuk mengganti sandinya: pengguna sandi {name}")
    if not nama.strip():
        raise UserError("--nama wajib diisi dengan nama lengkap; nama ini tercatat di riwayat perubahan")
    if not EMAIL_RE.fullmatch(email):
        raise UserError(f"'{email}' bukan alamat email yang sah")
    if peran not in ROLES:
        raise UserError(f"peran '{peran}' tidak dikenal; pilih {' atau '.join(ROLES)}")
    check_password(password)
    users[name] = User(name, nama.strip(), email, peran, _hasher().hash(password))
    save(state, users)
    return users[name]


def remove(state: Path, name: str) -> None:
    users = load(state)
    if users.pop(name, None) is None:
        raise UserError(f"pengguna '{name}' tidak ada")
    save(state, users)


def set_password(state: Path, name: str, password: str) -> None:
    users = load(state)
    if name not in users:
        raise UserError(f"pengguna '{name}' tidak ada")
    check_password(password)
    users[name].hash = _hasher().hash(password)
    save(state, users)


@functools.cache
def _dummy() -> str:
    """Checked against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return str(_hasher().hash("bukan-sandi-siapa-pun"))


def authenticate(state: Path, name: str, password: str) -> User | None:
    from argon2.exceptions import InvalidHashError, VerificationError  # with the hasher: on first use

    user = load(state).get(name)
    try:
        _hasher().verify(user.hash if user else _dummy(), password)
    except (VerificationError, InvalidHashError):
        return None
    return user
