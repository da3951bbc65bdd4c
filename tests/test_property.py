"""Whatever staff type, the checker answers with content problems, each naming a key, fast."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LENGKAP, SETTINGS, VALID_ANNOUNCEMENT, VALID_SERVICE
from layanan import cli
from layanan.content import model
from layanan.read.reader import parse

TZ = ZoneInfo("Asia/Makassar")
KEY_OR_MARKER = ("(yaml)", "(bagian data)", "(berkas)", "(isi)")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        ["2026-13-45", "2026-02-29", "8:00", "0541123456", "50.000", "[ISI: x]", "https://a.example/", "yes", "~"]
    ),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def assert_well_formed(problems: list) -> None:
    for problem in problems:
        assert problem.key, problem
        assert problem.line >= 1, problem
        assert problem.message, problem


@settings(max_examples=400, deadline=1000)
@given(front=st.text(max_size=400))
def test_any_front_matter_text(front: str) -> None:
    data = f"---\n{front}\n---\nIsi.\n".encode("utf-8", errors="surrogatepass")
    for kind in model.FIELDS:
        _, _, problems = parse(kind, data, "content/x.md", TZ)
        assert_well_formed(problems)


@settings(max_examples=300, deadline=1000)
@given(raw=st.binary(max_size=300))
def test_any_bytes(raw: bytes) -> None:
    for kind in model.FIELDS:
        assert_well_formed(parse(kind, raw, "content/x.md", TZ)[2])


def replace_field(document: str, key: str, value: object) -> str:
    """The valid document with ``key`` set to ``value`` (as YAML would write it)."""
    front, body = document.split("---\n")[1], document.split("---\n", 2)[2]
    data = yaml.safe_load(front)
    data[key] = value
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body


@settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(model.FIELDS["layanan"])), value=values)
def test_any_value_for_any_service_field(key: str, value: object) -> None:
    data = replace_field(VALID_SERVICE, key, value).encode("utf-8", errors="surrogatepass")
    assert_well_formed(parse("layanan", data, "content/layanan/uji.md", TZ)[2])


@settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(model.FIELDS["pengumuman"])), value=values)
def test_any_value_for_any_announcement_field(key: str, value: object) -> None:
    data = replace_field(VALID_ANNOUNCEMENT, key, value).encode("utf-8", errors="surrogatepass")
    assert_well_formed(parse("pengumuman", data, "content/pengumuman/2026-11-10-uji.md", TZ)[2])


WORKDIR = Path(tempfile.mkdtemp(prefix="layanan-property-"))
shutil.copytree(LENGKAP, WORKDIR / "content", dirs_exist_ok=True)


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(model.FIELDS["layanan"])), value=values)
def test_whole_site_check_with_any_service_value(key: str, value: object) -> None:
    """Through every check, cross-references included: exit 0 or 1, never a traceback."""
    (WORKDIR / "content" / "layanan" / "uji.md").write_text(
        replace_field(VALID_SERVICE, key, value), encoding="utf-8", errors="surrogatepass"
    )
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(WORKDIR)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check", "--settings", str(SETTINGS), "--content", "content"])
    finally:
        os.chdir(old)
    assert code in (0, 1), err.getvalue()
    for line in err.getvalue().splitlines()[:-1]:
        path, lineno, key_part, _ = line.split(":", 3)
        assert path.startswith("content/") and lineno.isdigit() and key_part.strip()
