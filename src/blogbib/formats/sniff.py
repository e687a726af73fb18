"""How ``--from auto`` recognises a format by how the text starts (no reader is imported to decide)."""

from __future__ import annotations

import re

__all__ = ["feed", "html", "bibtex", "csl_json", "ris"]

_ENTRY = re.compile(r"@\s*[A-Za-z]+\s*[{(]")
_PROLOGUE = re.compile(r"^(?:\s*<!--.*?-->|\s*<\?[^>]*\?>)*", re.S)
_FEED_ROOT = re.compile(r"<(?:rss[\s>]|feed[\s>]|(?:rdf:)?RDF[\s>])")
_HTML_PART = re.compile(r"<(?:head|body)[\s>]")


def feed(text: str) -> bool:
    """An RSS, RDF or Atom document."""
    head = text[:2048].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :]
    head = _PROLOGUE.sub("", head, count=1).lstrip()
    return bool(_FEED_ROOT.match(head))


def html(text: str) -> bool:
    """An HTML page."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    return head.startswith(("<!doctype html", "<html")) or bool(_HTML_PART.search(head))


def bibtex(text: str) -> bool:
    """A line of the first 20,000 characters opens an entry (``@misc{``); line by line, which never backtracks."""
    return any(_ENTRY.match(line.lstrip()) for line in text[:20000].splitlines() if line.lstrip().startswith("@"))


def csl_json(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def ris(text: str) -> bool:
    return text.lstrip().startswith("TY  -")
