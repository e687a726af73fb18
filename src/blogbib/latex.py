"""Plain text → LaTeX text for BibTeX fields (and back, for the reader).

Rules from the TeX FAQ and the complaints users file against other tools:
escape ``& % $ # _ { } ~ ^ \\`` everywhere except inside URLs.  A matched pair of
braces becomes ``\\{…\\}`` (read by LaTeX, BibTeX and pandoc alike); an unmatched
brace becomes ``\\textbraceleft{}``, because BibTeX counts the brace in ``\\{`` and
would lose its place; protect only inherent capitals in titles (``{GANs}``, ``{NTK}``), never
the whole title; with ``ascii=True`` write accents as LaTeX (``{\\'e}``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["escape", "protect_title", "to_ascii_latex", "decode"]

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
_LIGATURE = re.compile(r"-(?=-)|`(?=`)|'(?=')")

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


# Control characters cannot be typeset (pdflatex stops at "invalid character");
# line breaks and tabs become spaces, the rest are dropped.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SPECIAL_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f\\{}&%$#_~^]")


def _control(m: re.Match[str]) -> str:
    return " " if m[0] in "\t\n\r\x0b\x0c" else ""


def _needs_escaping(text: str, ascii: bool) -> bool:
    """Whether :func:`escape` changes ``text``: it has a control character, a special, a typed
    ligature (see :func:`_escape_span`) or, with ``ascii``, a character that is not ASCII."""
    return (_SPECIAL_OR_CONTROL.search(text) is not None or "--" in text or "``" in text or "''" in text
            or (ascii and not text.isascii()))


def escape(text: str, ascii: bool = False) -> str:
    """Escape LaTeX specials (and, with ``ascii``, encode non-ASCII characters).

    >>> escape("50% of R&D_costs")
    '50\\\\% of R\\\\&D\\\\_costs'
    """
    if not _needs_escaping(text, ascii):
        return text  # most fields
    text = _CONTROL_RE.sub(_control, text)
    return _escape_span(text, 0, len(text), _matched_braces(text), ascii)


def _escape_span(text: str, start: int, end: int, matched: set[int], ascii: bool) -> str:
    """Escape ``text[start:end]``; ``matched`` holds positions (in ``text``) of paired braces."""

    def replace(m: re.Match[str]) -> str:
        ch = m[0]
        if ch in "{}" and m.start() in matched:
            return "\\" + ch
        return _SPECIALS[ch]

    pieces = []
    last = start
    for m in _SPECIAL_RE.finditer(text, start, end):
        pieces.append(text[last : m.start()])
        pieces.append(replace(m))
        last = m.end()
    pieces.append(text[last:end])
    out = "".join(pieces)
    # Typed "--", "``", "''" would print as TeX ligatures (en dash, curly quotes): keep them apart.
    out = _LIGATURE.sub(lambda m: m[0] + "{}", out)
    return to_ascii_latex(out) if ascii else out


def _matched_braces(text: str) -> set[int]:
    """Positions of the braces in ``text`` that pair up."""
    if "{" not in text or "}" not in text:
        return set()
    stack: list[int] = []
    matched: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            matched.update((stack.pop(), i))
    return matched


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


# A word, captured so that splitting a title on it gives gap, word, gap, …, word, gap.
_WORD = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)")
# The same words in ASCII text, where a letter or digit is one of these 62 characters;
# a set of characters is quicker to match than Unicode's letter and digit categories.
_ASCII_WORD = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z0-9]+)*)")


def _inherent_capitals(word: str) -> bool:
    """``GANs``, ``NTK``, ``BibTeX``, ``iPhone``, ``2D``: capitals a style must not lower."""
    # A capital after the first letter (two capitals imply one).
    rest = word[1:]
    if rest.isascii():
        return rest != rest.lower()  # exact for ASCII, and much faster than testing each letter
    return any(c.isupper() for c in rest)


@lru_cache(maxsize=65536)  # titles share most of their words
def _word_kind(word: str) -> str:
    """What :func:`protect_title` needs to know of a word, as one letter: ``I`` it has an
    inherent capital; ``U`` or ``u`` it is capitalised, with four characters or more or
    fewer; ``L`` it is lower case with four characters or more; ``o`` anything else."""
    if _inherent_capitals(word):
        return "I"
    if word[0].isupper():
        return "U" if len(word) >= 4 else "u"
    return "L" if word[0].islower() and len(word) >= 4 else "o"


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
    escaping = _needs_escaping(text, ascii)
    if not escaping and _plain_title(text):
        return text  # most titles
    if escaping:
        text = _CONTROL_RE.sub(_control, text)
    parts = (_ASCII_WORD if text.isascii() else _WORD).split(text)  # gap, word, gap, …, word, gap
    words = parts[1::2]
    kinds = "".join(map(_word_kind, words))
    # Sentence case: most words after the first (of four characters or more, without inherent capitals) are lower case.
    sentence_case = kinds.count("L", 1) > kinds.count("U", 1)
    pieces = parts
    if escaping:
        # A word has nothing to escape (letters and digits, an apostrophe only between them),
        # only accents to encode with ``ascii``.  The gaps are escaped in one pass, joined by
        # NUL: it is no longer in the text and, like the words it stands for, keeps typed
        # ligatures apart; braces pair up across the gaps as they did across the title.
        gaps = "\0".join(parts[0::2])
        pieces = list(parts)
        pieces[0::2] = _escape_span(gaps, 0, len(gaps), _matched_braces(gaps), ascii).split("\0")
        if ascii:
            pieces[1::2] = [to_ascii_latex(word) for word in words]
    for i, kind in enumerate(kinds):
        if kind == "I" or (sentence_case and kind in "Uu" and not _starts_sentence(parts[2 * i], i == 0)):
            pieces[2 * i + 1] = "{" + pieces[2 * i + 1] + "}"
    return "".join(pieces)


def _starts_sentence(gap: str, first: bool) -> bool:
    """Whether the word after ``gap`` starts a sentence: the last character before it that is
    not an opening mark or a space ends one, or there is none (``first``; otherwise it is the
    end of the previous word)."""
    gap = gap.rstrip(_TITLE_STOPS)
    return gap[-1] in ":?!.—–" if gap else first


_DIGIT_CAPITAL = re.compile(r"[0-9][A-Z]")


def _plain_title(text: str) -> bool:
    """For a title with nothing to escape, a quick test that :func:`protect_title` protects
    no word: ``True`` only when it does not (an ASCII title), ``False`` when it may.

    Two kinds of title pass: a capital at most as the first character (no word
    has an inherent capital, and only the first word, which starts a sentence,
    is capitalised); and title case (``str.istitle``: a capital only after a
    character that is not a letter, so with no apostrophe and no digit before a
    capital no word has an inherent one, and every word that starts with a
    letter is capitalised, so the title is not sentence case).
    """
    if not text.isascii():
        return False
    rest = text[1:]
    if rest == rest.lower():
        return True
    return text.istitle() and "'" not in text and not _DIGIT_CAPITAL.search(text)


# ----------------------------------------------------------------------------- decoding (for the BibTeX reader)

# Inverse tables, derived from the encoding tables above so the two directions agree.
_ACCENT_MARKS = {cmd: mark for mark, cmd in _ACCENTS.items()}
_SYMBOL_WORDS = {tex.strip("{}\\").removesuffix("{}").removesuffix("{"): ch
                 for ch, tex in {**_SPECIALS, **_LETTERS}.items() if re.fullmatch(r"\{?\\[A-Za-z]+\}?(?:\{\})?", tex)}
_SYMBOL_WORDS.update({"i": "ı", "j": "ȷ", "aa": "å", "AA": "Å", "textendash": "–", "textemdash": "—",
                      "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
                      "textquotedblright": "”", "dots": "…", "textellipsis": "…", "textunderscore": "_",
                      "textdollar": "$", "textpercent": "%", "textampersand": "&", "S": "§", "P": "¶",
                      "copyright": "©", "textregistered": "®", "texttrademark": "™", "LaTeX": "LaTeX",
                      "TeX": "TeX", "BibTeX": "BibTeX", "slash": "/", "textbar": "|", "textless": "<",
                      "textgreater": ">", "textbullet": "•", "quad": " ", "qquad": " ", "relax": "",
                      "ignorespaces": "", "space": " ", "newline": " ", "par": " ", "noindent": ""})
# Commands whose (last) argument is just text: the command itself is dropped.
_TEXT_COMMANDS = {"emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textsl",
                  "textmd", "textnormal", "mbox", "hbox", "url", "nolinkurl", "NoCaseChange", "enquote",
                  "uppercase", "lowercase", "MakeUppercase", "MakeLowercase", "protect", "text", "textsuperscript",
                  "textsubscript", "ensuremath", "underline", "uline", "em", "it", "bf", "sc", "tt", "rm",
                  "sf", "sl", "upshape", "itshape", "bfseries", "scshape", "ttfamily", "normalfont"}
_TWO_ARGS = {"href": 1}  # \href{url}{text}: keep argument 1 (0-based)
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))
_NEEDS_DECODING = re.compile(r"[\\{}~]|--|``|''")


def decode(text: str) -> str:
    """LaTeX (as found in BibTeX fields) → plain text: the inverse of :func:`escape`
    and :func:`protect_title`, for both UTF-8 and ``ascii`` output.

    Accents become precomposed characters, protective braces disappear, text
    commands (``\\emph``, ``\\url``…) keep their text, ``~`` is a no-break
    space, the TeX ligatures (three or two hyphens, two back or two straight quotes) are the
    characters they print (—, –, “, ”); math (``$…$``) is kept as written.
    An unknown command is kept as written, so nothing is lost.

    >>> decode(r"On {GANs} and {\\'E}mile's {\\\"u}ber-{\\ss} \\& 50\\% \\textbraceleft{}x\\textbraceright{}")
    "On GANs and Émile's über-ß & 50% {x}"
    >>> decode(protect_title("Ünïcode {braces} & 100% of \\\\TeX ~50$", ascii=True))
    'Ünïcode {braces} & 100% of \\\\TeX ~50$'
    """
    if not _NEEDS_DECODING.search(text):
        return text
    out, _ = _decode(text, 0, len(text), 0)
    return out


def _group_end(text: str, start: int, end: int) -> int:
    """Index just past the brace group opening at ``text[start]`` (or ``end`` if unclosed)."""
    depth = 0
    i = start
    while i < end:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _argument(text: str, i: int, end: int, depth: int) -> tuple[str, int]:
    """One macro argument starting at ``i``: a brace group, a control sequence, or a character."""
    while i < end and text[i] in " \t\n":
        i += 1
    if i >= end:
        return "", i
    if text[i] == "{":
        close = _group_end(text, i, end)
        inner_end = close - 1 if close <= end and text[close - 1 : close] == "}" else close
        decoded, _ = _decode(text, i + 1, inner_end, depth + 1)
        return decoded, close
    if text[i] == "\\":
        return _unit(text, i, end, depth + 1)
    return text[i], i + 1


def _command_end(text: str, i: int, end: int) -> int:
    j = i + 1
    if j < end and text[j].isalpha():
        while j < end and text[j].isalpha():
            j += 1
        return j
    return min(j + 1, end)


def _accent(base: str, mark: str) -> str:
    import unicodedata  # only the BibTeX reader needs it
    if not base:
        return unicodedata.normalize("NFC", "\u00a0" + mark) if mark else ""
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])
    return unicodedata.normalize("NFC", first + mark) + base[1:]


def _decode(text: str, i: int, end: int, depth: int) -> tuple[str, int]:
    if depth > 100:  # absurdly nested input: keep the rest as written
        return text[i:end], end
    out: list[str] = []
    while i < end:
        piece, i = _unit(text, i, end, depth)
        out.append(piece)
    return "".join(out), end


def _unit(text: str, i: int, end: int, depth: int) -> tuple[str, int]:
    """Decode one unit at ``i``: a command with its arguments, a group, or a character."""
    ch = text[i]
    if ch == "\\" and i + 1 < end:
        nxt = text[i + 1]
        if not nxt.isalpha():
            i += 2
            if nxt in _ACCENT_MARKS:
                arg, i = _argument(text, i, end, depth)
                return _accent(arg, _ACCENT_MARKS[nxt]), i
            if nxt in "&%$#_{}":
                return nxt, i
            if nxt in " \n\t,;:!\\":
                return " ", i
            if nxt in "-/@":
                return "", i  # discretionary hyphen, italic correction, spacing hints
            return "\\" + nxt, i
        j = _command_end(text, i, end)
        name = text[i + 1 : j]
        if name in _ACCENT_MARKS:
            arg, i = _argument(text, j, end, depth)
            return _accent(arg, _ACCENT_MARKS[name]), i
        if name in _SYMBOL_WORDS:
            i = j
            if text.startswith("{}", i):
                i += 2
            else:
                while i < end and text[i] in " \t\n":
                    i += 1
            return _SYMBOL_WORDS[name], i
        if name in _TWO_ARGS:
            args = []
            i = j
            for _ in range(2):
                arg, i = _argument(text, i, end, depth)
                args.append(arg)
            return args[_TWO_ARGS[name]], i
        if name in _TEXT_COMMANDS:
            i = j
            while i < end and text[i] in " \t\n":
                i += 1
            if i < end and text[i] == "{":
                return _argument(text, i, end, depth)
            return "", i
        return text[i:j], j  # unknown: keep as written
    if ch == "{":
        close = _group_end(text, i, end)
        inner_end = close - 1 if text[close - 1 : close] == "}" and close - 1 > i else close
        inner, _ = _decode(text, i + 1, inner_end, depth + 1)
        return inner, close
    if ch == "}":
        return "", i + 1  # a stray closing brace
    if ch == "~":
        return "\u00a0", i + 1
    if ch in "-`'":
        for ligature, char in _LIGATURES:
            if text.startswith(ligature, i) and i + len(ligature) <= end:
                return char, i + len(ligature)
    if ch == "$":
        close = text.find("$", i + 1, end)
        if close != -1:
            return text[i : close + 1], close + 1
    return ch, i + 1
