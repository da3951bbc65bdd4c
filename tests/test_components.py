"""Template components: each declares its parameters and renders its examples, valid and accessible.

Every macro in theme/templates/components/ has examples in components/contoh/<macro>.yaml (govuk-frontend's
pattern). They are rendered with nothing else in scope (StrictUndefined): a component that reads a name it
was not given fails here. Each example page passes the Nu HTML Checker and axe (WCAG 2.2 A/AA).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from checkers import axe, nu_errors, summary
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from conftest import ROOT, Built
from layanan.render.filters import FILTERS, TESTS

COMPONENTS = ROOT / "theme" / "templates" / "components"
MACRO = re.compile(r"{%-?\s*macro\s+(\w+)\(")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    return env


def macros() -> list[tuple[str, str]]:
    """(file, macro) of every component."""
    return [(path.name, name) for path in sorted(COMPONENTS.glob("*.html")) for name in MACRO.findall(path.read_text())]


def examples() -> list[tuple[str, str, dict]]:
    found = []
    for file, name in macros():
        for example in yaml.safe_load((COMPONENTS / "contoh" / f"{name}.yaml").read_text(encoding="utf-8")):
            found.append((file, name, example))
    return found


def render(file: str, name: str, example: dict) -> str:
    arguments = example["argumen"]
    if "isi_caller" in example:
        source = (
            f'{{% from "components/{file}" import {name} %}}{{% call {name}(**args) %}}{{{{ body }}}}{{% endcall %}}'
        )
        body = environment().from_string("{{ html|safe }}").render(html=example["isi_caller"])
        return environment().from_string(source).render(args=arguments, body=body)
    source = f'{{% from "components/{file}" import {name} %}}{{{{ {name}(**args) }}}}'
    return environment().from_string(source).render(args=arguments)


CSS = (ROOT / "theme" / "static" / "css" / "situs.css").read_text(encoding="utf-8")


def page(html: str, example: dict) -> str:
    """An example in a page of its own, with the site's stylesheet and the container it is used in."""
    container = example.get("wadah")
    body = f'<{container} class="daftar">{html}</{container}>' if container else html
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Contoh komponen</title>'
        f"<style>{CSS}</style></head><body><main><h1>{example['judul']}</h1>{body}</main></body></html>"
    )


def test_every_component_has_examples():
    found = macros()
    assert len(found) >= 7
    for _, name in found:
        assert (COMPONENTS / "contoh" / f"{name}.yaml").is_file(), f"{name} has no examples"
    assert {p.stem for p in (COMPONENTS / "contoh").glob("*.yaml")} == {name for _, name in found}


@pytest.mark.parametrize(
    ("file", "name", "example"), examples(), ids=lambda v: v["judul"] if isinstance(v, dict) else v
)
def test_each_example_renders_from_its_parameters_alone(file: str, name: str, example: dict):
    html = render(file, name, example)
    assert html.strip()
    for value in re.findall(r"\[ISI:[^\]]*\]", str(example["argumen"])):
        assert f'<mark class="isi">{value}</mark>' in html  # placeholders shown as unfinished, never as links


def test_a_component_that_reads_outside_its_parameters_fails(tmp_path: Path):
    env = environment()
    with pytest.raises(Exception, match="situs"):
        env.from_string("{% macro bocor() %}{{ situs.nama }}{% endmacro %}{{ bocor() }}").render()


@pytest.mark.java
def test_examples_are_valid_html(tmp_path: Path):
    for i, (file, name, example) in enumerate(examples()):
        (tmp_path / f"{i:02d}-{name}.html").write_text(page(render(file, name, example), example))
    assert nu_errors(Built(tmp_path)) == ""


@pytest.mark.parametrize("width", [1024, 360])
def test_examples_pass_axe_and_fit_360px(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    tab = context.new_page()
    try:
        for file, name, example in examples():
            tab.set_content(page(render(file, name, example), example))
            result = axe(tab)
            assert result["violations"] == [], (name, example["judul"], summary(result["violations"]))
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, (name, example["judul"])
    finally:
        context.close()
