"""libyaml's syntax errors, said in Bahasa Indonesia with the fix, on the line to fix.

libyaml names the symptom where it noticed it ("mapping values are not allowed
in this context"), often a line after the mistake. Staff need the cause: an
unquoted colon, a tab, a ``[]`` left before list items, a missing space after
a colon, curly quotes pasted from Word or WhatsApp. Each rule looks at the
lines around the marks and returns the line where the fix belongs; the
parser's own words remain only as a last resort.
"""

from __future__ import annotations

import re

import yaml

CURLY = re.compile(r"[“”‘’]")
KEY_VALUE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#][^:#]*?):(?:\s+(.*))?$")
EMPTY_CONTAINER = re.compile(r"^\s*(?:-\s+)?([^\s:#][^:#]*?):\s*(\[\]|\{\})\s*(#.*)?$")
NO_SPACE = re.compile(r"^\s*([A-Za-z_][\w-]*):(\S.*)$")
GUIDE = "lihat docs/panduan-petugas.md#aturan-penulisan"


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(0-based line in ``text``, message) for a syntax error."""
    lines = text.split("\n")
    last = len(lines) - 1
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    at = min(exc.problem_mark.line, last) if exc.problem_mark else 0
    opened = min(exc.context_mark.line, last) if exc.context_mark else at

    def line(index: int) -> str:
        return lines[index] if 0 <= index <= last else ""

    for index in sorted({opened, at}):
        if CURLY.search(line(index)):
            return index, (
                "ada tanda kutip miring (“ ” atau ‘ ’), biasanya tersalin dari Word atau WhatsApp; "
                'ganti dengan tanda kutip biasa (") di awal dan akhir nilai'
            )
    if "\t" in line(at)[: len(line(at)) - len(line(at).lstrip())] or "tab" in problem:
        return at, "ada tanda tab; ganti tab dengan spasi (dua spasi untuk setiap tingkat)"
    if "cannot start any token" in problem:
        column = exc.problem_mark.column if exc.problem_mark else 0
        char = line(at)[column : column + 1]
        return at, f"nilai tidak boleh diawali tanda '{char}'; {_quote_hint(line(at))}"
    if "mapping values are not allowed" in problem:
        return _unquoted_colon(lines, at)
    if "could not find expected ':'" in problem:
        match = NO_SPACE.match(line(opened))
        if match:
            return opened, f"tambahkan spasi setelah titik dua: {match.group(1)}: {match.group(2)}"
        return opened, (
            "baris ini bukan 'kunci: nilai'; tambahkan ': ' setelah nama kunci, atau pindahkan teks ini "
            "ke bawah baris '---' penutup"
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        for index in range(at - 1, -1, -1):
            match = EMPTY_CONTAINER.match(line(index))
            if match:
                return index, (
                    f"hapus '{match.group(2)}' di belakang '{match.group(1)}:' bila isinya ditulis di baris "
                    "berikutnya; '[]' berarti daftar kosong"
                )
            if line(index).strip() and not line(index).startswith((" ", "-")):
                break
        if line(at).lstrip().startswith("-"):
            return (
                at,
                "butir daftar ini tidak sejajar dengan butir di atasnya; samakan jumlah spasi di depan setiap '- '",
            )
        return at, "jumlah spasi di depan baris ini tidak cocok dengan baris di atasnya; samakan spasi di depan kunci"
    if "quoted scalar" in context and "end of stream" in problem:
        return (
            opened,
            "tanda kutip dibuka di baris ini tetapi tidak ditutup; tambahkan tanda kutip yang sama di akhir nilai",
        )
    if "flow sequence" in context or "flow mapping" in context:
        return opened, (
            "daftar dalam [ ] atau { } tidak ditutup dengan benar; tambahkan ']' di akhir, atau tulis satu butir "
            "per baris diawali '- '"
        )
    if "unknown escape character" in problem:
        return at, (
            "garis miring terbalik (\\) di dalam tanda kutip ganda; pakai tanda kutip tunggal ('...') atau tulis \\\\"
        )
    detail = problem or context or "format tidak dikenali"
    return at, f"YAML tidak dapat dibaca ({detail}); periksa titik dua, tanda kutip dan spasi di depan baris; {GUIDE}"


def _quote_hint(text: str) -> str:
    match = KEY_VALUE.match(text)
    if match and match.group(3):
        value = match.group(3).strip().replace('"', '\\"')
        return f'apit seluruh nilai dengan tanda kutip: {match.group(2)}: "{value}"'
    return "apit seluruh nilai dengan tanda kutip"


def _unquoted_colon(lines: list[str], at: int) -> tuple[int, str]:
    text = lines[at] if at < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    above = next((lines[i] for i in range(at - 1, -1, -1) if lines[i].strip()), "")
    parent = KEY_VALUE.match(above)
    if indent and parent and parent.group(3) and not above.lstrip().startswith("-"):
        return at, "baris ini menjorok ke dalam padahal kunci di atasnya sudah berisi nilai; hapus spasi di depannya"
    return at, f"ada titik dua diikuti spasi di tengah nilai; {_quote_hint(text)}"
