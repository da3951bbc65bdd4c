"""Sessions end after inactivity or a new password; guesses are counted per name and address as they start."""

from __future__ import annotations

import threading

import pytest

from layanan.editor import auth


def test_a_session_is_known_until_it_ends():
    sessions = auth.Sessions()
    token = sessions.start("sari", "$argon2id$hash")
    assert sessions.user(token) == ("sari", auth.fingerprint("$argon2id$hash"))
    assert sessions.user("tebakan") is None and sessions.user(None) is None
    sessions.end(token)
    assert sessions.user(token) is None


def test_a_session_idle_past_the_limit_is_over(monkeypatch: pytest.MonkeyPatch):
    sessions = auth.Sessions()
    token = sessions.start("sari", "h")
    monkeypatch.setattr(auth, "IDLE_SECONDS", -1)
    assert sessions.user(token) is None
    monkeypatch.setattr(auth, "IDLE_SECONDS", 3600)
    assert sessions.user(token) is None  # gone for good, not only while the limit was short


def test_five_attempts_for_one_name_from_one_address_make_that_pair_wait():
    guard = auth.Guard()
    for _ in range(auth.PER_NAME_AND_ADDRESS):
        assert guard.reserve("dewi", "203.0.113.9")[0] == 0
    wait, _ = guard.reserve("dewi", "203.0.113.9")
    assert 0 < wait <= auth.WINDOW_SECONDS + 1
    assert guard.reserve("dewi", "192.168.1.20")[0] == 0  # the clerk, from the office, is not locked out
    assert guard.reserve("sari", "203.0.113.9")[0] == 0


def test_one_address_is_capped_over_all_names():
    guard = auth.Guard()
    for n in range(auth.PER_ADDRESS):
        assert guard.reserve(f"nama{n}", "203.0.113.9")[0] == 0
    assert guard.reserve("baru", "203.0.113.9")[0] > 0
    assert guard.reserve("baru", "198.51.100.1")[0] == 0


def test_a_successful_login_takes_its_attempt_back():
    guard = auth.Guard()
    for _ in range(auth.PER_NAME_AND_ADDRESS - 1):
        guard.reserve("sari", "192.168.1.20")
    _, stamp = guard.reserve("sari", "192.168.1.20")
    guard.succeeded("sari", "192.168.1.20", stamp)
    assert guard.reserve("sari", "192.168.1.20")[0] == 0


def test_simultaneous_guesses_are_each_counted_before_any_is_checked():
    guard = auth.Guard()
    start = threading.Barrier(16)
    waits: list[int] = []

    def guess() -> None:
        start.wait()
        waits.append(guard.reserve("dewi", "203.0.113.9")[0])

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert waits.count(0) == auth.PER_NAME_AND_ADDRESS


def test_only_a_few_password_checks_run_at_once():
    guard = auth.Guard()
    with guard.checking() as first, guard.checking() as second, guard.checking() as third:
        assert (first, second, third) == (True, True, False)
    with guard.checking() as again:
        assert again
