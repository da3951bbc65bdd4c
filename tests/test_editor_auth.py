"""Sessions end after inactivity; a key with too many failures waits out the window."""

from __future__ import annotations

import pytest

from layanan.editor import auth


def test_a_session_is_known_until_it_ends():
    sessions = auth.Sessions()
    token = sessions.start("sari")
    assert sessions.user(token) == "sari"
    assert sessions.user("tebakan") is None and sessions.user(None) is None
    sessions.end(token)
    assert sessions.user(token) is None


def test_a_session_idle_past_the_limit_is_over(monkeypatch: pytest.MonkeyPatch):
    sessions = auth.Sessions()
    token = sessions.start("sari")
    monkeypatch.setattr(auth, "IDLE_SECONDS", -1)
    assert sessions.user(token) is None
    monkeypatch.setattr(auth, "IDLE_SECONDS", 3600)
    assert sessions.user(token) is None  # gone for good, not only while the limit was short


def test_failures_lock_a_key_out_for_the_rest_of_the_window():
    throttle = auth.Throttle(limit=3)
    for _ in range(2):
        throttle.failed("sari")
    assert throttle.wait("sari") == 0
    throttle.failed("sari")
    assert 0 < throttle.wait("sari") <= auth.WINDOW_SECONDS + 1
    assert throttle.wait("budi") == 0
    throttle.succeeded("sari")
    assert throttle.wait("sari") == 0
