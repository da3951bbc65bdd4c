"""Structural checks for RSS 2.0 and Atom, since feedparser forgives almost anything.

A small RELAX NG grammar for the RSS core (channel title/link/description,
items with a title or description), plus strict RFC 822 dates and unique
guids; for Atom, RFC 4287's required elements and RFC 3339 dates.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"

RSS_GRAMMAR = etree.RelaxNG(
    etree.fromstring(
        b"""
<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="rss">
      <attribute name="version"><value>2.0</value></attribute>
      <element name="channel">
        <interleave>
          <element name="title"><text/></element>
          <element name="link"><data type="anyURI"/></element>
          <element name="description"><text/></element>
          <zeroOrMore><ref name="channel-other"/></zeroOrMore>
          <zeroOrMore>
            <element name="item">
              <interleave>
                <choice>
                  <group><element name="title"><text/></element><optional><element name="description"><text/></element></optional></group>
                  <element name="description"><text/></element>
                </choice>
                <zeroOrMore><ref name="item-other"/></zeroOrMore>
              </interleave>
            </element>
          </zeroOrMore>
        </interleave>
      </element>
    </element>
  </start>
  <define name="channel-other">
    <element>
      <anyName><except><name>item</name><name>title</name><name>link</name><name>description</name></except></anyName>
      <zeroOrMore><attribute><anyName/></attribute></zeroOrMore>
      <mixed><zeroOrMore><ref name="any"/></zeroOrMore></mixed>
    </element>
  </define>
  <define name="item-other">
    <element>
      <anyName><except><name>title</name><name>description</name></except></anyName>
      <zeroOrMore><attribute><anyName/></attribute></zeroOrMore>
      <mixed><zeroOrMore><ref name="any"/></zeroOrMore></mixed>
    </element>
  </define>
  <define name="any">
    <element><anyName/><zeroOrMore><attribute><anyName/></attribute></zeroOrMore><mixed><zeroOrMore><ref name="any"/></zeroOrMore></mixed></element>
  </define>
</grammar>"""
    )
)


def rss_problems(data: bytes) -> list[str]:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"XML: {exc}"]
    problems = [str(e) for e in RSS_GRAMMAR.error_log] if not RSS_GRAMMAR.validate(root) else []
    for node in root.iter("pubDate", "lastBuildDate"):
        try:
            parsed = parsedate_to_datetime(node.text)
        except (TypeError, ValueError):
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            problems.append(f"{node.tag}: not an RFC 822 date: {node.text!r}")
    guids = [g.text for g in root.iter("guid")]
    if len(guids) != len(set(guids)):
        problems.append("guid: not unique")
    if len(guids) != len(root.findall("channel/item")):
        problems.append("guid: an item has none")
    return problems


def _rfc3339(text: str | None) -> bool:
    try:
        return dt.datetime.fromisoformat(text or "").tzinfo is not None
    except ValueError:
        return False


def atom_problems(data: bytes) -> list[str]:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"XML: {exc}"]
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}"]
    for name in ("id", "title", "updated"):
        if root.find(f"{ATOM}{name}") is None:
            problems.append(f"feed: no {name}")
    if root.find(f"{ATOM}author/{ATOM}name") is None:
        problems.append("feed: no author")
    if root.find(f"{ATOM}link[@rel='self']") is None:
        problems.append("feed: no self link")
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            if entry.find(f"{ATOM}{name}") is None:
                problems.append(f"entry: no {name}")
        if entry.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None:
            problems.append("entry: neither alternate link nor content")
        ids.append(entry.findtext(f"{ATOM}id"))
    for node in root.iter(f"{ATOM}updated", f"{ATOM}published"):
        if not _rfc3339(node.text):
            problems.append(f"{node.tag}: not RFC 3339: {node.text!r}")
    if len(ids) != len(set(ids)):
        problems.append("entry id: not unique")
    return problems
