"""Output trees to text, HTML and Markdown.

Every leaf is escaped for the format here, and only here: item data and style text alike
(HTML as citeproc-js escapes it, with numeric character references; Markdown with
backslashes, so item text cannot become links, emphasis or HTML).  Affixes and delimiters are
style text too: escaped for HTML, kept as written in Markdown.  Italics inside italics print
upright (citeproc-js's flip-flop).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...text import markdown_escape
from ...urls import markdown_autolink
from .output import Fmt, Link, Output
from .punctuation import BREAK, QUOTE_END, QUOTE_OPEN, QUOTE_PIQ, affix, join

__all__ = ["Formatter", "FORMATTERS", "Quotes", "Renderer", "html_escape"]


_SUPERSCRIPTS: dict[str, str] = {}
_SUPERSCRIPT_RE: list[re.Pattern] = []


def _superscript_re() -> re.Pattern:
    """Unicode superscript characters (a ``<super>`` compatibility decomposition, and four that
    citeproc-js also counts), found on first use."""
    if not _SUPERSCRIPT_RE:
        for code in range(0xA0, 0x3200):
            char = chr(code)
            decomposition = unicodedata.decomposition(char)
            if decomposition.startswith("<super>"):
                _SUPERSCRIPTS[char] = "".join(chr(int(c, 16)) for c in decomposition.split()[1:])
        _SUPERSCRIPTS.update({"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"})
        _SUPERSCRIPT_RE.append(re.compile("[" + "".join(_SUPERSCRIPTS) + "]"))
    return _SUPERSCRIPT_RE[0]


def _superscripts(text: str) -> str:
    """citeproc-js's HTML: a superscript character prints as its letter in ``<sup>`` (1ʳᵉ → 1<sup>r</sup><sup>e</sup>)."""
    if text.isascii():
        return text
    return _superscript_re().sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group()]}</sup>", text)


def html_escape(text: str) -> str:
    """Escape text for HTML the way citeproc-js does (numeric character references)."""
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = (text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
                .replace('"', "&#34;"))
    return _superscripts(text)


def html_escape_affix(text: str) -> str:
    """Style text in HTML: citeproc-js escapes ``&``, ``<`` and ``>`` there, not quotes."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
    return _superscripts(text)


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Formatter:
    """The markup of one output format."""

    name: str
    escape: object = _same  # leaf text → format text
    escape_affix: object = _same  # affixes and delimiters
    italic: tuple[str, str] = ("", "")
    upright: tuple[str, str] = ("", "")  # italic inside italic
    bold: tuple[str, str] = ("", "")
    light: tuple[str, str] = ("", "")
    small_caps: tuple[str, str] = ("", "")
    underline: tuple[str, str] = ("", "")
    sup: tuple[str, str] = ("", "")
    sub: tuple[str, str] = ("", "")
    normal_variant: tuple[str, str] = ("", "")  # small caps inside small caps
    normal_weight: tuple[str, str] = ("", "")  # bold inside bold
    no_decoration: tuple[str, str] = ("", "")
    baseline: tuple[str, str] = ("", "")

    def link(self, url: str) -> str:
        if self.name == "markdown":
            autolink = markdown_autolink(url)
            if autolink is not None:  # a URL that may not be a link stays escaped text
                return autolink
        return self.escape(url)  # type: ignore[operator]


FORMATTERS = {
    "text": Formatter("text"),
    "html": Formatter("html", html_escape, html_escape_affix, ("<i>", "</i>"), ('<span style="font-style:normal;">', "</span>"),
                      ("<b>", "</b>"), ('<span style="font-weight:lighter;">', "</span>"),
                      ('<span style="font-variant:small-caps;">', "</span>"),
                      ('<span style="text-decoration:underline;">', "</span>"), ("<sup>", "</sup>"),
                      ("<sub>", "</sub>"), ('<span style="font-variant:normal;">', "</span>"),
                      ('<span style="font-weight:normal;">', "</span>"), ('<span style="text-decoration:none;">', "</span>"),
                      ('<span style="baseline">', "</span>")),
    "markdown": Formatter("markdown", markdown_escape, _same, ("*", "*"), ("", ""), ("**", "**"),
                          sup=("<sup>", "</sup>"), sub=("<sub>", "</sub>")),
}


ITALIC, BOLD, SMALL_CAPS, UNDERLINE = 1, 2, 4, 8


def _fonts_within(fmt: Fmt, fonts: int) -> int:
    """The fonts in force inside a node (a font asked for again is undone: flip-flop)."""
    style, variant, weight = fmt.font_style, fmt.font_variant, fmt.font_weight
    if style in ("italic", "oblique"):
        fonts = fonts ^ ITALIC if not fmt.seams else fonts | ITALIC
    elif style == "normal":
        fonts &= ~ITALIC
    if variant == "small-caps":
        fonts = fonts ^ SMALL_CAPS if not fmt.seams else fonts | SMALL_CAPS
    elif variant == "normal":
        fonts &= ~SMALL_CAPS
    if weight == "bold":
        fonts = fonts ^ BOLD if not fmt.seams else fonts | BOLD
    elif weight == "normal":
        fonts &= ~BOLD
    if fmt.text_decoration == "underline":
        fonts |= UNDERLINE
    elif fmt.text_decoration == "none":
        fonts &= ~UNDERLINE
    return fonts


@dataclass(frozen=True)
class Quotes:
    """The locale's quotation marks, and whether punctuation moves inside them."""

    open: str = "“"
    close: str = "”"
    inner_open: str = "‘"
    inner_close: str = "’"
    punctuation_in_quote: bool = False


class Renderer:
    """Renders output trees in one format with one locale's quotes.

    ``affixes=False`` leaves out affixes and quotes: the text of a sort key, which compares
    what the style prints, not how it punctuates it.
    """

    def __init__(self, formatter: Formatter, quotes: Quotes, affixes: bool = True) -> None:
        self.formatter = formatter
        self.affixes = affixes
        self.escape = formatter.escape
        self.escape_affix = formatter.escape_affix
        esc = formatter.escape
        self.open_quote = esc(quotes.open)  # type: ignore[operator]
        self.close_quote = esc(quotes.close)  # type: ignore[operator]
        self.inner_open = esc(quotes.inner_open)  # type: ignore[operator]
        self.inner_close = esc(quotes.inner_close)  # type: ignore[operator]
        moves = QUOTE_PIQ if quotes.punctuation_in_quote else QUOTE_END
        self.close_mark = QUOTE_OPEN + self.close_quote + moves
        self.inner_close_mark = QUOTE_OPEN + self.inner_close + moves

    def render(self, tree: Output | None) -> str:
        if tree is None:
            return ""
        return self._render(tree, 0, False)

    def _render(self, tree: Output, fonts: int, quoted: bool) -> str:
        """``fonts``: the fonts in force (ITALIC, BOLD, SMALL_CAPS, UNDERLINE bits); ``quoted``:
        inside quotes.  Italics in italics print upright, bold in bold normal, and so on (flip-flop)."""
        if isinstance(tree, str):
            if type(tree) is Link:
                return self.formatter.link(tree)
            return self.escape(tree)  # type: ignore[operator]
        fmt = tree.fmt
        inner = _fonts_within(fmt, fonts) if fmt.fonts else fonts
        within = quoted != bool(fmt.quotes)
        parts = [text for text in (self._render(child, inner, within) for child in tree.children) if text]
        if not parts:
            return ""
        if fmt.seams:
            text = join(parts, self.escape_affix(fmt.delimiter) if fmt.delimiter else "")  # type: ignore[operator]
        else:  # pieces of one item text, or the parts of one name
            text = self.escape_affix(fmt.delimiter).join(parts) if fmt.delimiter else "".join(parts)  # type: ignore[operator]
        if fmt.fonts:
            text = self._fonts(text, fmt, fonts)
        if not self.affixes:
            return text
        if fmt.quotes:
            text = self._quote(text, quoted, fmt.quotes != "fixed")
        if fmt.affixed:
            text = affix(self.escape_affix(fmt.prefix), text, self.escape_affix(fmt.suffix))  # type: ignore[operator]
        if fmt.display:
            text = self._display(text, fmt.display)
        return text

    def _display(self, text: str, display: str) -> str:
        """CSL ``display``: citeproc-js's divs in HTML; in text and Markdown a block or an indented
        element is set apart by a space."""
        if self.formatter.name == "html":
            if display == "block":
                return f'\n\n    <div class="csl-block">{text}</div>\n'
            if display == "left-margin":
                return f'\n    <div class="csl-left-margin">{text}</div>'
            if display == "right-inline":
                return f'<div class="csl-right-inline">{text.lstrip()}</div>\n  '
            if display == "indent":
                return f'<div class="csl-indent">{text}</div>\n  '
            return text
        if display in ("block", "indent"):
            return BREAK + text + BREAK
        return text

    def fonts(self, text: str, fmt: Fmt) -> str:
        """Rendered ``text`` in the fonts ``fmt`` asks for (outside any other)."""
        return self._fonts(text, fmt, 0)

    def _fonts(self, text: str, fmt: Fmt, fonts: int) -> str:
        """The fonts ``fmt`` asks for around ``text``, given the fonts in force; an explicit
        normal font only undoes one in force (citeproc-js writes nothing otherwise)."""
        f = self.formatter
        style, variant, weight = fmt.font_style, fmt.font_variant, fmt.font_weight
        flips = not fmt.seams  # item-text markup: italics, small caps, bold in the same print normal
        if style in ("italic", "oblique"):
            start, end = f.upright if flips and fonts & ITALIC else f.italic
            text = start + text + end
        elif style == "normal" and fonts & ITALIC:
            text = f.upright[0] + text + f.upright[1]
        if variant == "small-caps":
            start, end = f.normal_variant if flips and fonts & SMALL_CAPS else f.small_caps
            text = start + text + end
        elif variant == "normal" and fonts & SMALL_CAPS:
            text = f.normal_variant[0] + text + f.normal_variant[1]
        if weight == "bold":
            start, end = f.normal_weight if flips and fonts & BOLD else f.bold
            text = start + text + end
        elif weight == "light":
            text = f.light[0] + text + f.light[1]
        elif weight == "normal" and fonts & BOLD:
            text = f.normal_weight[0] + text + f.normal_weight[1]
        if fmt.text_decoration == "underline":
            text = f.underline[0] + text + f.underline[1]
        elif fmt.text_decoration == "none" and fonts & UNDERLINE:
            text = f.no_decoration[0] + text + f.no_decoration[1]
        if fmt.vertical_align == "sup":
            text = f.sup[0] + text + f.sup[1]
        elif fmt.vertical_align == "sub":
            text = f.sub[0] + text + f.sub[1]
        elif fmt.vertical_align == "baseline":  # citeproc-js writes this (not valid CSS) around it
            text = f.baseline[0] + text + f.baseline[1]
        return text

    def _quote(self, text: str, inner: bool, moves: bool = True) -> str:
        """Localized quotes, the inner ones inside quotes (quotes in item text are quote nodes too,
        see rich_text.py, so they flip by depth)."""
        if inner and self.inner_open:
            return self.inner_open + text + (self.inner_close_mark if moves else self.inner_close)
        return self.open_quote + text + (self.close_mark if moves else self.close_quote)
