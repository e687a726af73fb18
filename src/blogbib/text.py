"""Small text helpers shared by readers, writers, the renderer and the reading list."""

from __future__ import annotations

__all__ = ["ascii_fold", "fold", "squeeze", "is_squeezed", "shorten", "markdown_escape"]


def ascii_fold(text: str) -> str:
    """Transliterate to ASCII: ``Łukasz Żółć`` → ``Lukasz Zolc``."""
    if text.isascii():
        return text
    from anyascii import anyascii

    return anyascii(text)


def fold(text: str) -> str:
    """Text as compared by filters and matching: ASCII-transliterated, case-folded, spaces collapsed.

    >>> fold("  Łukasz   ŻÓŁĆ ") == fold("lukasz zolc")
    True
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return " ".join(ascii_fold(text).casefold().split())


def is_squeezed(text: str) -> bool:
    """A quick test that ``text == squeeze(text)`` (False for any text with an unprintable character).

    Every whitespace character but the space is unprintable, so a printable
    text is squeezed unless it has a double space or a space at either end.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def squeeze(text: str) -> str:
    r"""``text`` on one line, each run of whitespace one space, none at either end: ``" ".join(text.split())``.

    >>> squeeze("  two\n lines ")
    'two lines'
    """
    return text if is_squeezed(text) else " ".join(text.split())


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages.

    >>> shorten("abcdef", 4)
    'abc…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MD_SPECIAL = frozenset("\\`*_[]<>#|~&!")


def markdown_escape(text: str) -> str:
    r"""Backslash-escape Markdown syntax so item text stays text (no links, emphasis or HTML).

    >>> markdown_escape("*a* <b>")
    '\\*a\\* \\<b\\>'
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
