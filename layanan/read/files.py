"""What under content/ may be read or published, and copying it: regular files only.

Every file in ``content/berkas/`` is published as it is, so there a hidden file
(``.env``, ``.git/``) or a symbolic link (to ``/etc/passwd``, to a home folder)
is an error, never copied. Elsewhere hidden names are ignored, as editors'
temporary files are (``.#ktp.md``, ``.ktp.md.swp``), and a symbolic link is an
error too: nothing outside content/ is ever read into the site. Copies are
checked against the source's size, and any write error (a full disk) raises.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from layanan.base.problems import Problem, display_path
from layanan.content import routes

BERKAS = routes.BERKAS
SURVEI = routes.SURVEYS
STATUS = routes.STATUS
# Beside situs.yaml, what looks meant as a page but is never read (Notepad's ".md.txt").
IGNORED_LOOKALIKES = (".txt", ".markdown", ".mdown", ".mkd")


@dataclass
class Tree:
    """The content folder as the build may use it."""

    markdown: list[str] = field(default_factory=list)  # .md files outside berkas/, relative to content/
    berkas: list[str] = field(default_factory=list)  # every file to publish, relative to content/berkas/
    survei: list[str] = field(default_factory=list)  # survey files (.yaml, .csv), relative to content/survei/
    status: list[str] = field(default_factory=list)  # submitted files' records (.yaml), relative to content/status/
    problems: list[Problem] = field(default_factory=list)


def _refuse(tree: Tree, path: str, message: str, warning: bool = False) -> None:
    tree.problems.append(Problem(display_path(path), 1, "(berkas)", message, warning))


def scan(content_path: str | os.PathLike[str]) -> Tree:
    """Walk content/ without following links; sorted, so output order is stable."""
    root = Path(content_path)
    tree = Tree()
    for folder, dirs, files in os.walk(root, followlinks=False):
        relative = Path(folder).relative_to(root)
        in_berkas = relative.parts[:1] == (BERKAS,)
        # Strings, not Paths, for each file: this runs for every file of the site on every build.
        prefix = "" if not relative.parts else relative.as_posix() + "/"
        berkas_prefix = prefix.removeprefix(f"{BERKAS}/")
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if name.startswith("."):
                if in_berkas:
                    _refuse(tree, path, "folder tersembunyi tidak boleh ada di content/berkas/; hapus folder ini")
                dirs.remove(name)
            elif os.path.islink(path):
                _refuse(tree, path, "tautan simbolik (symlink) tidak diizinkan di content/; salin isinya ke sini")
                dirs.remove(name)
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.startswith("."):
                if in_berkas:
                    _refuse(tree, path, "berkas tersembunyi (nama diawali titik) tidak diterbitkan; hapus berkas ini")
                continue
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                _refuse(tree, path, "tautan simbolik (symlink) tidak diizinkan di content/; salin berkasnya ke sini")
            elif not stat.S_ISREG(mode):
                _refuse(tree, path, "bukan berkas biasa; hapus dari content/")
            elif in_berkas:
                tree.berkas.append(berkas_prefix + name)
            elif name.endswith(".md"):
                tree.markdown.append(prefix + name)
            elif relative.parts == (SURVEI,) and name.endswith((".yaml", ".csv")):
                tree.survei.append(name)
            elif relative.parts == (STATUS,) and name.endswith(".yaml"):
                tree.status.append(name)
            elif relative.parts or name.endswith(IGNORED_LOOKALIKES):
                stem = re.sub(r"(\.md)?\.[^.]+$", "", name)
                _refuse(
                    tree,
                    path,
                    f"tidak dibaca: hanya berkas berakhiran .md yang menjadi halaman; ganti namanya menjadi "
                    f"{stem}.md (atau pindahkan ke content/berkas/ bila untuk diunduh)",
                    warning=True,
                )
    tree.berkas.sort()
    tree.survei.sort()
    tree.status.sort()
    tree.markdown.sort()
    return tree


def photo_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a photo a share preview can show (JPEG, PNG, WebP, GIF); None for others (SVG)."""
    from PIL import Image, UnidentifiedImageError  # Pillow, already there for WeasyPrint

    try:
        with Image.open(path) as image:
            return image.size if image.format in ("JPEG", "PNG", "WEBP", "GIF") else None
    except (OSError, UnidentifiedImageError):
        return None


SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.I)
SVG_NUMBER = r"\s*=\s*[\"']\s*([0-9]+(?:\.[0-9]+)?)(?:px)?\s*[\"']"


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height a page reserves for a picture before it arrives: a photo's pixels, or an SVG's
    width/height or viewBox (read from its opening tag as text, never parsed as XML)."""
    size = photo_size(path)
    if size or path.suffix.lower() != ".svg":
        return size
    try:
        with path.open("rb") as file:
            tag = SVG_TAG.search(file.read(8192))
    except OSError:
        return None
    if not tag:
        return None
    attrs = tag.group().decode("utf-8", errors="replace")
    width, height = (re.search(rf"\b{name}{SVG_NUMBER}", attrs) for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = re.search(r"\bviewBox\s*=\s*[\"']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*[\"']", attrs)
    if box and float(box[1]) > 0 and float(box[2]) > 0:
        return round(float(box[1])), round(float(box[2]))
    return None


def copy_file(source: Path, target: Path) -> None:
    """Copy one regular file and check the copy is whole (a full disk raises OSError)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a reused build folder shares files with the live one: never write through
    shutil.copyfile(source, target, follow_symlinks=False)
    expected, written = source.stat().st_size, target.stat().st_size
    if written != expected:
        raise OSError(errno.EIO, f"salinan tidak utuh ({written} dari {expected} bita)", str(target))


def copy_berkas(
    content_path: str | os.PathLike[str], names: list[str], output_path: str | os.PathLike[str]
) -> list[str]:
    """Copy the attachments to publish; returns their paths in the output."""
    source, target = Path(content_path) / BERKAS, Path(output_path) / BERKAS
    for name in names:
        copy_file(source / name, target / name)
    return [f"{BERKAS}/{name}" for name in names]


def copy_tree(source: Path, target: Path) -> list[str]:
    """Copy the regular, visible files of a folder (the theme's static files); returns their paths under ``target``."""
    copied = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not any(part.startswith(".") for part in relative.parts) and path.is_file() and not path.is_symlink():
            copy_file(path, target / relative)
            copied.append(relative.as_posix())
    return copied
