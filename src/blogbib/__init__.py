"""blogbib: turn blog post listings into a real bibliography.

Read a blog's listing (or a bibliography) into a :class:`ReadingList` of
immutable :class:`Reference` values, then write BibTeX, BibLaTeX, CSL-JSON or RIS::

    >>> import blogbib
    >>> rl = blogbib.read("Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks.",
    ...                   blog_title="Off the Convex Path")
    >>> print(rl.to_ris().splitlines()[0])
    TY  - BLOG

The pipeline: ``read`` (any supported input) → ``ReadingList`` operations →
``write`` / ``export``.  Every error blogbib raises on purpose is a
:class:`BlogbibError`; input problems are :class:`InputError` and name the
file and line.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Export, export, read, read_all, write
from .errors import BlogbibError, InputError, Problem
from .model import Date, Name, Reference
from .reading_list import ReadingList
from .render import cite, render  # citeproc-py itself is imported on first use

# Note: the function `blogbib.render` shadows the subpackage attribute; import
# from the subpackage with `from blogbib.render import bibliography_entries`.

__all__ = [
    "__version__",
    "read",
    "read_all",
    "write",
    "export",
    "render",
    "cite",
    "Export",
    "ReadingList",
    "Reference",
    "Name",
    "Date",
    "BlogbibError",
    "InputError",
    "Problem",
]

