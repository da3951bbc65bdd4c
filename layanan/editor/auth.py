"""Sessions after login, and slowing down password guessing without letting strangers lock clerks out.

Sessions live in memory: a restart of the editor logs everyone out, which is the
safe failure. A session remembers the password hash it was opened with, so a new
password ends every session opened with the old one.

Guessing is limited per (name, address): a stranger elsewhere cannot lock a clerk
out, and a clerk with the right password gets in. One address also has a larger
cap over all names, as an office shares one address behind NAT. An attempt is
counted when it starts, atomically, so sixteen guesses at once are sixteen
attempts; and only a few password checks (64 MiB of argon2id each) run at once,
the rest are refused before hashing.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

IDLE_SECONDS = 60 * 60  # a clerk filling a long form is not logged out mid-way
WINDOW_SECONDS = 15 * 60
PER_NAME_AND_ADDRESS = 5
PER_ADDRESS = 100  # an office's NAT: a dozen clerks' typos in a quarter hour stay far below it
CHECKS_AT_ONCE = 2


def fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()


@dataclass
class Sessions:
    """token -> (user name, fingerprint of the hash logged in with, last seen)."""

    _items: dict[str, tuple[str, str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, name: str, password_hash: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._items[token] = (name, fingerprint(password_hash), time.monotonic())
        return token

    def user(self, token: str | None) -> tuple[str, str] | None:
        """(name, hash fingerprint) of a live session."""
        now = time.monotonic()
        with self._lock:
            key = token or ""
            found = self._items.get(key)
            if found is None or now - found[2] > IDLE_SECONDS:
                self._items.pop(key, None)
                return None
            self._items[key] = (found[0], found[1], now)
            return found[0], found[1]

    def end(self, token: str | None) -> None:
        with self._lock:
            self._items.pop(token or "", None)


@dataclass
class Throttle:
    """Recent login attempts per key; ``limit`` of them in the window make the key wait."""

    limit: int
    _attempts: dict[object, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: object, now: float) -> deque[float]:
        times = self._attempts[key]
        while times and now - times[0] > WINDOW_SECONDS:
            times.popleft()
        return times

    def _wait(self, times: deque[float], now: float) -> int:
        return int(WINDOW_SECONDS - (now - times[0])) + 1 if len(times) >= self.limit else 0

    def release(self, key: object, stamp: float) -> None:
        """Forget one attempt (it succeeded): only failures keep counting."""
        with self._lock:
            times = self._attempts.get(key)
            if times is not None and stamp in times:
                times.remove(stamp)
            if not times:
                self._attempts.pop(key, None)


@dataclass
class Guard:
    """What every login passes before its password is checked."""

    per_pair: Throttle = field(default_factory=lambda: Throttle(PER_NAME_AND_ADDRESS))
    per_address: Throttle = field(default_factory=lambda: Throttle(PER_ADDRESS))
    checks: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(CHECKS_AT_ONCE))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve(self, name: str, address: str) -> tuple[int, float]:
        """Count an attempt now, in both throttles at once; (seconds to wait, 0 when counted; its stamp)."""
        now = time.monotonic()
        pair = (name, address)
        with self._lock, self.per_pair._lock, self.per_address._lock:
            pair_times, address_times = self.per_pair._recent(pair, now), self.per_address._recent(address, now)
            wait = max(self.per_pair._wait(pair_times, now), self.per_address._wait(address_times, now))
            if wait:
                return wait, now
            pair_times.append(now)
            address_times.append(now)
        return 0, now

    def succeeded(self, name: str, address: str, stamp: float) -> None:
        self.per_pair.release((name, address), stamp)
        self.per_address.release(address, stamp)

    @contextmanager
    def checking(self) -> Iterator[bool]:
        """True while this request may hash a password; False when enough already are."""
        acquired = self.checks.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                self.checks.release()
