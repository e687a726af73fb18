"""Plain text → LaTeX text for BibTeX fields (and back, for the reader).

Rules from the TeX FAQ and the complaints users file against other tools:
escape ``& % $ # _ { } ~ ^ \\`` everywhere except inside URLs; braces are
escaped with commands (``\\textbraceleft{}``), because BibTeX counts ``\\{`` as
a brace; protect only inherent capitals in titles (``{GANs}``, ``{NTK}``), never
the whole title; with ``ascii=True`` write accents as LaTeX (``{\\'e}``).
"""

from __future__ import annotations

import re

__all__ = ["escape", "protect_title", "to_ascii_latex"]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")

# Combining mark → LaTeX accent command.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=",
    "\u0306": "u", "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H",
    "\u030c": "v", "\u0327": "c", "\u0328": "k", "\u0323": "d", "\u0331": "b",
}
_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}",
    "ł": r"{\l}", "Ł": r"{\L}", "œ": r"{\oe}", "Œ": r"{\OE}", "ı": r"{\i}",
    "đ": r"{\dj}", "Đ": r"{\DJ}", "ð": r"{\dh}", "Ð": r"{\DH}", "þ": r"{\th}", "Þ": r"{\TH}",
    "’": "'", "‘": "`", "“": "``", "”": "''", "„": ",,", "—": "---", "–": "--",
    "…": r"\ldots{}", "\u00a0": "~", "«": r"\guillemotleft{}", "»": r"\guillemotright{}",
    "€": r"\texteuro{}", "£": r"\pounds{}", "©": r"\textcopyright{}", "°": r"\textdegree{}",
}


def escape(text: str, ascii: bool = False) -> str:
    """Escape LaTeX specials (and, with ``ascii``, encode non-ASCII characters).

    >>> escape("50% of R&D_costs")
    '50\\\\% of R\\\\&D\\\\_costs'
    """
    out = _SPECIAL_RE.sub(lambda m: _SPECIALS[m[0]], text)
    return to_ascii_latex(out) if ascii else out


def to_ascii_latex(text: str) -> str:
    """Encode non-ASCII letters as LaTeX accent commands; other characters stay."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _LETTERS:
            out.append(_LETTERS[ch])
        else:
            out.append(_accented(ch))
    return "".join(out)


def _accented(ch: str) -> str:
    import unicodedata  # only --ascii needs it
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isascii() or not marks or any(m not in _ACCENTS for m in marks):
        return ch  # no LaTeX spelling we trust: keep the character (UTF-8)
    if base in "ij" and marks[0] in "\u0300\u0301\u0302\u0308":
        base = "\\" + base  # dotless i/j under an accent
    result = base
    for mark in marks:
        cmd = _ACCENTS[mark]
        result = f"\\{cmd}{{{result}}}" if cmd.isalpha() else f"\\{cmd}{result}"
    return "{" + result + "}"


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _inherent_capitals(word: str) -> bool:
    """``GANs``, ``NTK``, ``BibTeX``, ``iPhone``, ``2D``: capitals a style must not lower."""
    # A capital after the first letter (two capitals imply one).
    rest = word[1:]
    if rest.isascii():
        return rest != rest.lower()  # exact for ASCII, and much faster than testing each letter
    return any(c.isupper() for c in rest)


_TITLE_STOPS = "([\"'“‘ "


def protect_title(text: str, ascii: bool = False) -> str:
    """Escape a title and brace-protect its inherent capitals.

    In a sentence-case title (most words lower case) a capitalised word that
    does not start a sentence is a proper noun, and is protected too.

    >>> protect_title("Generative Adversarial Networks (GANs), Some Open Questions")
    'Generative Adversarial Networks ({GANs}), Some Open Questions'
    >>> protect_title("Linear algebraic structure of Markov chains")
    'Linear algebraic structure of {Markov} chains'
    """
    # One pass: each word with whether it has inherent capitals.
    words = []
    for m in _WORD.finditer(text):
        word = m[0]
        rest = word[1:]
        inherent = rest != rest.lower() if rest.isascii() else any(c.isupper() for c in rest)
        words.append((m.start(), m.end(), word, inherent))
    content = [w for _, _, w, inherent in words[1:] if len(w) >= 4 and not inherent]
    sentence_case = sum(w[0].islower() for w in content) > sum(w[0].isupper() for w in content)
    # escape() works character by character, so escaping the stretches between
    # protected words gives the same text as escaping word by word.
    out, last = [], 0
    for start, end, word, protect in words:
        if not protect and sentence_case and word[0].isupper():
            before = text[:start].rstrip(_TITLE_STOPS)
            protect = not (not before or before[-1] in ":?!.—–")
        if protect:
            out.append(escape(text[last:start], ascii))
            out.append("{" + escape(word, ascii) + "}")
            last = end
    if not last:
        return escape(text, ascii)
    out.append(escape(text[last:], ascii))
    return "".join(out)
