"""Sessions after login, and slowing down password guessing.

Sessions live in memory: a restart of the editor logs everyone out, which is the
safe failure. A name (or a client address) with too many wrong passwords in a
window is refused for the rest of that window, whatever password it sends.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

IDLE_SECONDS = 60 * 60  # a clerk filling a long form is not logged out mid-way
WINDOW_SECONDS = 15 * 60


@dataclass
class Sessions:
    """token -> (user name, last seen); ends after IDLE_SECONDS without a request."""

    _items: dict[str, tuple[str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, name: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._items[token] = (name, time.monotonic())
        return token

    def user(self, token: str | None) -> str | None:
        now = time.monotonic()
        with self._lock:
            key = token or ""
            found = self._items.get(key)
            if found is None or now - found[1] > IDLE_SECONDS:
                self._items.pop(key, None)
                return None
            self._items[key] = (found[0], now)
            return found[0]

    def end(self, token: str | None) -> None:
        with self._lock:
            self._items.pop(token or "", None)


@dataclass
class Throttle:
    """Recent failed logins per key; ``limit`` of them in the window lock the key out."""

    limit: int
    _failures: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > WINDOW_SECONDS:
            times.popleft()
        return times

    def wait(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it may now."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(key, now)
            return int(WINDOW_SECONDS - (now - times[0])) + 1 if len(times) >= self.limit else 0

    def failed(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
