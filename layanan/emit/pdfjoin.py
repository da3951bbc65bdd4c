"""One signable document from separately printed, tagged PDFs: a cover, then each part, then page numbers.

Printing the whole office's standard in one WeasyPrint run costs 20 s and 700 MB for 200
services; joining printed parts costs a second. A plain page join drops what makes it
one document, so this keeps it: the cover's catalogue (language, title, XMP), one structure
tree for screen readers (each part's tags grafted under the cover's Document element, their
parent-tree keys renumbered), named destinations that send the contents' links to each
part's first page, a bookmark per part, and one "Halaman X dari Y" running through the
whole, stamped as a pagination artifact so readers skip it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Page


@dataclass(frozen=True)
class Part:
    slug: str  # the contents' link target (#slug) that should open this part
    title: str  # its bookmark
    path: Path


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _keys(nums: pikepdf.Object) -> list[int]:
    return [int(nums[i]) for i in range(0, len(nums), 2)]


def _graft(out: pikepdf.Pdf, source: pikepdf.Pdf, next_key: int) -> int:
    """Append ``source``'s pages and tags to ``out``; returns the next free parent-tree key."""
    first = len(out.pages)
    out.pages.extend(source.pages)  # the same copier as copy_foreign: the tags' /Pg find these pages
    tree = out.copy_foreign(source.Root.StructTreeRoot)
    nums = out.Root.StructTreeRoot.ParentTree.Nums
    keys = _keys(tree.ParentTree.Nums)
    for i, key in enumerate(keys):
        nums.append(key + next_key)
        nums.append(tree.ParentTree.Nums[2 * i + 1])
    for page in out.pages[first:]:
        if Name.StructParents in page:
            page.StructParents = int(page.StructParents) + next_key
        for annot in page.get(Name.Annots, Array()):
            if Name.StructParent in annot:
                annot.StructParent = int(annot.StructParent) + next_key
    document = out.Root.StructTreeRoot.K[0]
    for element in tree.K[0].K:
        element.P = document
        document.K.append(element)
    return next_key + max(keys, default=-1) + 1


def _destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    names = pdf.Root.get(Name.Names, Dictionary()).get(Name.Dests, Dictionary()).get(Name.Names, Array())
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def _stamp(out: pikepdf.Pdf, numbers: pikepdf.Pdf) -> None:
    """Lay page i of ``numbers`` (only its footer) over page i, marked as a pagination artifact."""
    for page, number in zip(out.pages, numbers.pages, strict=True):
        form = out.copy_foreign(Page(number).as_form_xobject())
        name = Page(page).add_resource(form, Name.XObject, Name("/LayananNomorHalaman"))  # fixed: same bytes
        Page(page).contents_add(out.make_stream(b"q\n"), prepend=True)
        footer = b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + bytes(name) + b" Do Q EMC\n"
        Page(page).contents_add(out.make_stream(footer))


def join(cover: Path, parts: list[Part], numbers: Path, target: Path) -> None:
    """Write ``target``: ``cover``, each part in order, and page i of ``numbers`` stamped on page i."""
    with pikepdf.open(cover) as out:
        destinations = _destinations(out)
        next_key = max(_keys(out.Root.StructTreeRoot.ParentTree.Nums), default=-1) + 1
        starts = []
        for part in parts:
            with pikepdf.open(part.path) as source:
                first = len(out.pages)
                index = {page.obj.objgen: i for i, page in enumerate(source.pages)}
                next_key = _graft(out, source, next_key)
                for name, dest in _destinations(source).items():  # the part's own anchors, on its copied pages
                    destinations[name] = Array([out.pages[first + index[dest[0].objgen]].obj, *list(dest)[1:]])
                start = out.pages[first]
                destinations[part.slug] = Array([start.obj, Name.XYZ, None, None, None])
                starts.append((part, first))
        with pikepdf.open(numbers) as stamps:
            _stamp(out, stamps)
        out.Root.Names = Dictionary(
            Dests=Dictionary(Names=Array([x for name in sorted(destinations) for x in (name, destinations[name])]))
        )
        with out.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(OutlineItem(part.title, first) for part, first in starts)
        target.parent.mkdir(parents=True, exist_ok=True)
        out.save(target, deterministic_id=True)
