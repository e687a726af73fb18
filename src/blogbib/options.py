"""The options that travel together, one frozen value per step of the pipeline.

:class:`ReadOptions` (inputs → references), :class:`WriteOptions` (references
→ a data format) and :class:`RenderOptions` (references → a formatted
bibliography or a reading-list document).  The choice of entries is
:class:`blogbib.selection.Selection`.  The API and the command line build the
same values; :func:`blogbib.export` also takes their fields as keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import BlogbibError

if TYPE_CHECKING:
    import os
    from typing import Callable, Iterable

    from .model import Date, Reference

__all__ = ["ReadOptions", "WriteOptions", "RenderOptions", "BIBTEX_PROFILES"]

#: Where classic BibTeX puts the URL and the access date, one profile per family of .bst styles.
BIBTEX_PROFILES = ("plain", "natbib", "urlbst", "acm")


@dataclass(frozen=True)
class ReadOptions:
    """How inputs become references; a reader looks at the fields it knows."""

    format: str = "auto"  # a format name, or auto: the content decides, then the file suffix
    blog_title: str | None = None  # for entries whose source does not name the blog
    base_url: str | None = None  # where the blog lives: own-site links are rebased here
    url: str | None = None  # where the text came from (a fetched page), to resolve links
    # Feeds and pages give instants with an offset; None keeps the offset the
    # source wrote (the blog's own local time), an IANA name or "UTC" converts to that zone.
    timezone: str | None = None
    max_pages: int = 10  # a URL: how many index pages to follow
    feed: bool = False  # a URL: also read the feed the page advertises
    sitemap: bool = True  # a URL: also read the site's sitemap (its posts not found elsewhere are reported)
    posts: bool = False  # a URL: also fetch and read every post page found (blogbib.crawl)
    delay: float = 0.0  # a URL: seconds between the starts of two requests
    timeout: float = 20.0  # a URL: seconds to wait for each page
    merge: bool = True  # several documents: the same post once (blogbib.merge)
    strict: bool = False  # any problem raises InputError
    accessed: Date | None = None  # the access date every reference gets
    key_format: str | None = None  # a key pattern (blogbib.keys); None keeps the keys a source gives
    # Bibliographies (.bib, CSL-JSON, RIS) whose keys are pinned: a post found there keeps its key there,
    # and no other post takes one of them (blogbib.keys).
    keys_from: tuple[str | os.PathLike[str], ...] = ()
    drafts: bool = False  # a blog's source folder: also its drafts and posts dated in the future

    def __post_init__(self) -> None:
        if not isinstance(self.keys_from, tuple):
            # One path, or a list of paths: stored as a tuple so the value stays frozen.
            one = isinstance(self.keys_from, str) or hasattr(self.keys_from, "__fspath__")
            object.__setattr__(self, "keys_from", (self.keys_from,) if one else tuple(self.keys_from))


@dataclass(frozen=True)
class WriteOptions:
    """How a data format (BibTeX, BibLaTeX, CSL-JSON, RIS) is written."""

    ascii: bool = False  # BibTeX: LaTeX-encode accents instead of writing UTF-8
    bibtex_profile: str = "plain"  # where classic BibTeX puts the URL and access date

    def __post_init__(self) -> None:
        if self.bibtex_profile not in BIBTEX_PROFILES:
            raise BlogbibError(f"unknown BibTeX profile {self.bibtex_profile!r}; known: {', '.join(BIBTEX_PROFILES)}")


@dataclass(frozen=True)
class RenderOptions:
    """How references are formatted through a CSL style (text, HTML, Markdown).

    With ``document``, the output is a reading-list document (Markdown or a
    standalone HTML page): a heading per ``group_by`` group (``None``: no
    headings), each entry with its tags, its note (``notes``) and its excerpt
    (``excerpts``).
    """

    style: str | None = None  # a name or a .csl path; None is blogbib's reading-list style
    locale: str | None = None
    document: bool = False
    group_by: str | Callable[[Reference], str | Iterable[str] | None] | None = None
    excerpts: bool = False
    notes: bool = True
    title: str | None = "Reading list"
