"""The Nu HTML Checker (npm vnu-jar, on Debian's JRE) finds no error in any page of the built sites."""

from __future__ import annotations

import pytest
from checkers import nu_errors

from conftest import Built

pytestmark = pytest.mark.java


def test_sample_and_fixture_sites_are_valid_html(sample: Built, lengkap: Built, searchable: Built) -> None:
    assert nu_errors(sample, lengkap, searchable) == ""


def test_the_checker_reports_errors(tmp_path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><title>x</title><h1>a</h1><h3>b</h3><img src=x>'
    )
    errors = nu_errors(Built(tmp_path))
    assert "skipping 1 heading level" in errors and "alt" in errors
