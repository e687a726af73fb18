"""blogbib: turn blog post listings into a real bibliography.

Read a blog's listing (or a bibliography) into a :class:`ReadingList` of
immutable :class:`Reference` values, then write BibTeX, BibLaTeX, CSL-JSON or RIS::

    >>> import blogbib
    >>> rl = blogbib.read("Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks.",
    ...                   blog_title="Off the Convex Path")
    >>> print(rl.to_ris().splitlines()[0])
    TY  - BLOG

The pipeline: ``read`` (any supported input) → ``ReadingList`` operations →
``write`` / ``export``.

A :class:`ReadingList` is an immutable sequence (``len``, indexing, slicing,
``in``, ``+``); each operation returns a new list::

    >>> picked = rl.filter(author="recht", since="2016").sort("date", reverse=True)
    >>> [(year, group.keys) for year, group in picked.group_by("year")]
    [('2016', ['recht2016saddles'])]

``filter`` (author, since/until, text, blog, type, keyword, predicate),
``sort`` (date, author, title, blog), ``group_by`` (year, author, blog,
keyword), ``annotate`` (note, tags), ``dedupe`` / ``merge`` (the same post
once), ``get``; writers ``to_bibtex``,
``to_biblatex``, ``to_csl_json``, ``to_ris``; CSL-formatted ``render`` and
``cite``; reading-list documents ``to_markdown`` and ``to_html``; ``save``
(format from the file suffix, written atomically).  Every error blogbib raises on purpose is a
:class:`BlogbibError`; input problems are :class:`InputError` and name the
file and line.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Export, export, read, read_all, select, write
from .errors import BlogbibError, InputError, Problem
from .model import Date, Name, Reference
from .options import ReadOptions, RenderOptions, WriteOptions
from .reading_list import ReadingList
from .render import cite, render  # citeproc-py itself is imported on first use
from .selection import Selection

# Note: the function `blogbib.render` shadows the subpackage attribute; import
# from the subpackage with `from blogbib.render import bibliography_entries`.

__all__ = [
    "__version__",
    "read",
    "read_all",
    "write",
    "export",
    "select",
    "render",
    "cite",
    "Export",
    "ReadingList",
    "Selection",
    "ReadOptions",
    "WriteOptions",
    "RenderOptions",
    "Reference",
    "Name",
    "Date",
    "BlogbibError",
    "InputError",
    "Problem",
]

