"""Spread independent work over the machine's cores, sharing memory by fork.

Items are handed to the workers by index, so neither the function nor its data
is pickled; only results come back. Small batches run in this process, where a
pool would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_ITEMS = 64
_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _call(index: int) -> Any:
    assert _TASK is not None  # set before the workers fork
    function, items = _TASK
    return function(items[index])


def fork_map(function: Callable[[Any], Any], items: Sequence[Any], min_items: int = MIN_ITEMS) -> list[Any]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < min_items or workers < 2:
        return [function(item) for item in items]
    global _TASK
    _TASK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _TASK = None
