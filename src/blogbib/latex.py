"""Plain text ↔ LaTeX in BibTeX fields: escaping and title protection for the
writers, decoding for the reader, and the one brace scanner all of them use.

Escaping prints text as typed with plain pdflatex, in OT1 (LaTeX's default) and
T1 alike, through BibTeX and biber.  ``& % $ # _`` take a backslash; ``\\ ~ ^``
are text commands; ``< > |`` are math (``{$<$}``: OT1 prints a bare ``<`` as ¡,
``>`` as ¿, ``|`` as —, and biber turns ``\\textless`` into a bare ``<``); a pair of braces is ``\\{…\\}``
and a brace without a partner ``\\textbraceleft{}`` (BibTeX counts the brace in
``\\{``); a straight double quote is a pair of TeX quotes, ``{``}`` or ``{''}``
(OT1 prints ``"`` as ”); typed ``--``, ``````, ``''``, ``!```` and ``?````
are kept apart, or TeX would print them as one dash, quote, ¡ or ¿.  Text is
NFC first (pdflatex cannot typeset a decomposed accent); line breaks and tabs
become spaces, other control characters go.  URLs are never escaped here.

Title protection.  Classic styles lower-case a title (BibTeX's ``change.case$``
keeps only its first character and one after a colon and a space); a braced
word keeps its case.  :func:`protect_title` braces a word that must keep a
capital, never the whole title:

* by its form: a capital after its first letter (``GANs``, ``mT5``, ``iPhone``),
  a capital with a digit (``T5``), a capital before ``+`` or ``#`` (``C++``,
  ``C#``), one capital letter other than ``A`` (``Part I``, ``Part V``);
* a capitalised word that starts a sentence BibTeX does not see (after
  ``. ? !``, or after an opening quote or bracket);
* in a sentence-case title (lower-case words outnumber capitalised ones), every
  other capitalised word: it is a proper noun (``Markov``);
* in a Title Case title, where capitals say nothing, a capitalised word the
  entry's excerpt (the ``evidence``) also capitalises within a sentence.

``ascii`` writes every character LaTeX can spell in ASCII that way: accents as
commands, stacked ones nested (``{\\~{\\^e}}`` for ễ), letters such as ``{\\ss}``,
math symbols and Greek letters in math (``{$\\ell$}``).  A character with no
such form stays UTF-8 and :func:`ascii_problems` names it, with the package
that prints it where there is one.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["escape", "protect_title", "to_ascii_latex", "ascii_problems", "decode", "brace_pairs", "split_top"]

# ----------------------------------------------------------------------------- the brace scanner

_BRACES = re.compile(r"[{}]")
_BRACES_OR_ESCAPES = re.compile(r"\\.|[{}]", re.S)


def brace_pairs(text: str, start: int = 0, end: int | None = None, *, escapes: bool = True) -> dict[int, int]:
    """The braces of ``text[start:end]`` that pair up: index of each ``{`` → index of its ``}``.

    A brace with no partner is a character like any other: a stray ``}`` closes
    nothing, an unclosed ``{`` opens nothing.  With ``escapes`` (LaTeX) a
    backslash makes the next character literal (``\\{``); without (BibTeX's own
    count, and plain text) it does not.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    pattern = _BRACES_OR_ESCAPES if escapes else _BRACES
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        ch = m[0]
        if ch == "{":
            stack.append(m.start())
        elif ch == "}" and stack:
            pairs[stack.pop()] = m.start()
    return pairs


def split_top(text: str, sep: str, *, escapes: bool = True, quotes: bool = False) -> list[str]:
    """Split ``text`` at each ``sep`` outside brace pairs (see :func:`brace_pairs`) and, with
    ``quotes``, outside ``"…"`` strings (BibTeX's ``#`` concatenation)."""
    if sep not in text:
        return [text]
    pairs = brace_pairs(text, escapes=escapes)
    parts, start, i, n, quoted = [], 0, 0, len(text), False
    while i < n:
        if i in pairs:
            i = pairs[i] + 1
            continue
        ch = text[i]
        if ch == "\\" and escapes:
            i += 2
            continue
        if quotes and ch == '"':
            quoted = not quoted
        elif not quoted and text.startswith(sep, i):
            parts.append(text[start:i])
            i = start = i + len(sep)
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _matched_braces(text: str) -> set[int]:
    """Positions of the braces in plain ``text`` that pair up."""
    if "{" not in text or "}" not in text:
        return set()
    pairs = brace_pairs(text, escapes=False)
    return set(pairs) | set(pairs.values())


# ----------------------------------------------------------------------------- escaping

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
    "<": "{$<$}",  # math: biber decodes \textless to a bare < (¡ in OT1); braced: never $$
    ">": "{$>$}",
    "|": "{$|$}",
}
_QUOTES = ("{``}", "{''}")  # a straight double quote: opening, closing
_OPENS_QUOTE = set(" \t\n([{<‘“-–—/")  # a quote after one of these (or first) opens
_SPECIAL_RE = re.compile(r'[\\{}&%$#_~^<>|"]')
# Typed characters TeX would join into one (– — “ ” ¡ ¿): an empty group between them.
_LIGATURE = re.compile(r"-(?=-)|`(?=`)|'(?=')|[!?](?=`)")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SPECIAL_OR_CONTROL = re.compile(r'[\x00-\x1f\x7f\\{}&%$#_~^<>|"]')

_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}",
    "ł": r"{\l}", "Ł": r"{\L}", "œ": r"{\oe}", "Œ": r"{\OE}", "ı": r"{\i}",
    "đ": r"{\dj}", "Đ": r"{\DJ}", "ð": r"{\dh}", "Ð": r"{\DH}", "þ": r"{\th}", "Þ": r"{\TH}",
    "’": "'", "‘": "`", "“": "``", "”": "''", "„": ",,", "—": "---", "–": "--",
    "…": r"\ldots{}", "\u00a0": "~", "«": r"\guillemotleft{}", "»": r"\guillemotright{}",
    "€": r"\texteuro{}", "£": r"\pounds{}", "©": r"\textcopyright{}", "°": r"\textdegree{}", "µ": r"\textmu{}",
}
# Combining mark → LaTeX accent command.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=",
    "\u0306": "u", "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H",
    "\u030c": "v", "\u0327": "c", "\u0328": "k", "\u0323": "d", "\u0331": "b",
}
# Characters LaTeX spells in math mode with no package, written ``{$\cmd$}`` (braced, so
# no style re-cases a Greek capital).
_MATH = {
    "ℓ": "ell", "≈": "approx", "≤": "leq", "≥": "geq", "≠": "neq", "≡": "equiv", "∼": "sim", "≃": "simeq",
    "∝": "propto", "∞": "infty", "±": "pm", "∓": "mp", "×": "times", "÷": "div", "⋅": "cdot", "∘": "circ",
    "→": "to", "←": "leftarrow", "↔": "leftrightarrow", "⇒": "Rightarrow", "⇐": "Leftarrow",
    "⇔": "Leftrightarrow", "↦": "mapsto", "∈": "in", "∉": "notin", "∋": "ni", "⊂": "subset", "⊆": "subseteq",
    "⊃": "supset", "⊇": "supseteq", "∪": "cup", "∩": "cap", "∅": "emptyset", "∀": "forall", "∃": "exists",
    "¬": "neg", "∧": "wedge", "∨": "vee", "∑": "sum", "∏": "prod", "∫": "int", "∂": "partial", "∇": "nabla",
    "√": "surd", "′": "prime", "⊕": "oplus", "⊗": "otimes", "ℏ": "hbar", "ℵ": "aleph", "⟨": "langle",
    "⟩": "rangle",
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon", "ϵ": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ϑ": "vartheta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ϖ": "varpi", "ρ": "rho", "ϱ": "varrho", "σ": "sigma", "ς": "varsigma", "τ": "tau",
    "υ": "upsilon", "φ": "varphi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma",
    "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
# What --ascii writes that plain pdflatex (OT1) cannot print without T1.
_T1_ONLY = re.compile(r"\\(?:k\{|dh\}|DH\}|th\}|TH\}|dj\}|DJ\}|guillemot)")


def _control(m: re.Match[str]) -> str:
    return " " if m[0] in "\t\n\r\x0b\x0c" else ""


def _nfc(text: str) -> str:
    import unicodedata

    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _needs_escaping(text: str, ascii: bool) -> bool:
    """Whether :func:`escape` changes (NFC) ``text``: it has a control character, a special, a
    typed ligature or, with ``ascii``, a character that is not ASCII."""
    return (_SPECIAL_OR_CONTROL.search(text) is not None or "--" in text or "''" in text
            or ("`" in text and ("``" in text or "!`" in text or "?`" in text)) or (ascii and not text.isascii()))


def escape(text: str, ascii: bool = False) -> str:
    """Escape LaTeX specials (and, with ``ascii``, encode non-ASCII characters).

    >>> print(escape('50% of R&D_costs, "<b>"'))
    50\\% of R\\&D\\_costs, {``}{$<$}b{$>$}{''}
    """
    if not text.isascii():
        text = _nfc(text)
    if not _needs_escaping(text, ascii):
        return text  # most fields
    text = _CONTROL_RE.sub(_control, text)
    return _escape_span(text, 0, len(text), _matched_braces(text), ascii)


def _escape_span(text: str, start: int, end: int, matched: set[int], ascii: bool) -> str:
    """Escape ``text[start:end]``; ``matched`` holds positions (in ``text``) of paired braces.
    A NUL in ``text`` stands for a word (see :func:`protect_title`)."""
    pieces = []  # plain text, escape, plain text, …, plain text
    last = start
    for m in _SPECIAL_RE.finditer(text, start, end):
        i = m.start()
        pieces.append(text[last:i])
        ch = m[0]
        if ch == '"':
            pieces.append(_QUOTES[0] if i == 0 or text[i - 1] in _OPENS_QUOTE else _QUOTES[1])
        elif ch in "{}" and i in matched:
            pieces.append("\\" + ch)
        else:
            pieces.append(_SPECIALS[ch])
        last = m.end()
    pieces.append(text[last:end])
    if "--" in text or "``" in text or "''" in text or "!`" in text or "?`" in text:
        pieces[0::2] = [_LIGATURE.sub(r"\g<0>{}", piece) for piece in pieces[0::2]]
    out = "".join(pieces)
    return to_ascii_latex(out) if ascii else out


# ----------------------------------------------------------------------------- --ascii

# A character that is not ASCII, or a letter followed by combining marks, with its marks.
_NON_ASCII = re.compile(r"(?:[A-Za-z]|[^\x00-\x7f\u0300-\u036f])?[\u0300-\u036f]+|[^\x00-\x7f]")


def to_ascii_latex(text: str) -> str:
    """Spell non-ASCII characters in ASCII LaTeX where LaTeX can; other characters stay."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_ascii_form, text)


def _ascii_form(m: re.Match[str]) -> str:
    ch = m[0]
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch in _MATH:
        return "{$\\" + _MATH[ch] + "$}"
    import unicodedata  # only --ascii needs it

    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not base.isascii() or not marks or any(mark not in _ACCENTS for mark in marks):
        return ch  # no ASCII spelling: kept (UTF-8), and reported by ascii_problems
    if base in "ij" and marks[0] in "\u0300\u0301\u0302\u0308":
        base = "\\" + base  # dotless i/j under an accent
    result = base
    for k, mark in enumerate(marks):
        command = _ACCENTS[mark]
        # \'e; a letter command or an accent over an accent takes a braced argument: \c{c}, \~{\^e}
        result = f"\\{command}{result}" if k == 0 and not command.isalpha() else f"\\{command}{{{result}}}"
    return "{" + result + "}"


def _package_hint(ch: str) -> str | None:
    """The ``\\usepackage`` with which pdflatex prints ``ch`` typed as UTF-8, if there is one."""
    import unicodedata

    if "\u031b" in unicodedata.normalize("NFD", ch):  # the horn of ơ, ư
        return r"\usepackage[T5]{fontenc} (vntex)"
    code = ord(ch)
    if 0x0400 <= code <= 0x04FF:
        return r"\usepackage[T2A]{fontenc}"
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return r"\usepackage[LGR]{fontenc}"
    if 0x3000 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF:
        return r"\usepackage{CJKutf8} (the text in a CJK environment)"
    return None


def ascii_problems(latex: str) -> list[str]:
    """What an ``ascii`` field (or entry) still needs: the characters it keeps as UTF-8
    (no ASCII spelling), and T1-only commands (plain pdflatex's OT1 lacks them)."""
    problems = []
    if not latex.isascii():
        groups: dict[str | None, list[str]] = {}
        for ch in dict.fromkeys(c for c in latex if not c.isascii()):
            groups.setdefault(_package_hint(ch), []).append(ch)
        for hint, chars in groups.items():
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:8])
            if len(chars) > 8:
                shown += f" and {len(chars) - 8} more"
            it = "it" if len(chars) == 1 else "them"
            problems.append(f"{shown}: LaTeX has no ASCII form for {it}, kept as UTF-8"
                            + (f"; {hint} prints {it}" if hint else ""))
    if _T1_ONLY.search(latex):
        problems.append(r"its ASCII LaTeX uses commands that need \usepackage[T1]{fontenc}")
    return problems


# ----------------------------------------------------------------------------- title protection

# A word, captured so that splitting a title on it gives gap, word, gap, …, word, gap.
_WORD = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)")
# The same words in ASCII text (a set of characters is quicker to match than Unicode categories).
_ASCII_WORD = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z0-9]+)*)")
_OPENING = "([\"'“‘«"  # with spaces, skipped back over to find what ends the previous sentence
_SENTENCE_END = ".?!:…"


def _last_mark(gap: str) -> str:
    """The last character of ``gap`` that is not a space or an opening mark ("" if none)."""
    i = len(gap)
    while i and (gap[i - 1].isspace() or gap[i - 1] in _OPENING):
        i -= 1
    return gap[i - 1] if i else ""
_KEPT, _SENTENCE, _MID = 0, 1, 2


@lru_cache(maxsize=65536)  # titles share most of their words
def _word_kind(word: str) -> str:
    """One letter: ``I`` a capital after the first letter; ``F`` capitalised with a digit,
    or one capital letter other than A; ``U``/``u`` capitalised, four characters or more /
    fewer; ``L`` lower case, four characters or more; ``o`` anything else."""
    rest = word[1:]
    if rest != rest.lower() if rest.isascii() else any(c.isupper() for c in rest):
        return "I"
    if not word[0].isupper():
        return "L" if word[0].islower() and len(word) >= 4 else "o"
    if (not rest and word != "A") or any(c.isdigit() for c in rest):
        return "F"
    return "U" if len(word) >= 4 else "u"


def _position(gap: str, first: bool) -> int:
    """Where the word after ``gap`` stands: ``_KEPT`` BibTeX keeps its first character (the
    field's start, or after a colon and spaces), ``_SENTENCE`` it starts a sentence BibTeX
    does not see, ``_MID`` within a sentence."""
    if not gap:
        return _KEPT if first else _MID
    if gap[-1] in " \t" and gap.rstrip(" \t").endswith(":"):
        return _KEPT
    mark = _last_mark(gap)
    if not mark:
        return _SENTENCE if first else _MID
    return _SENTENCE if mark in _SENTENCE_END else _MID


def protect_title(text: str, ascii: bool = False, evidence: str | None = None) -> str:
    """Escape a title and brace the words that must keep a capital (see the module's rules);
    ``evidence`` is running text about the same item (the excerpt).

    >>> protect_title("Generative Adversarial Networks (GANs), Some Open Questions")
    'Generative Adversarial Networks ({GANs}), Some Open Questions'
    >>> protect_title("Linear algebraic structure of Markov chains, part I")
    'Linear algebraic structure of {Markov} chains, part {I}'
    >>> protect_title("Escaping Saddle Points with Langevin Dynamics", evidence="We show that Langevin dynamics …")
    'Escaping Saddle Points with {Langevin} Dynamics'
    """
    if not text.isascii():
        text = _nfc(text)
    if evidence and not evidence.isascii():
        evidence = _nfc(evidence)
    escaping = _needs_escaping(text, ascii)
    if not escaping and _plain_title(text, evidence):
        return text  # most titles
    if escaping:
        text = _CONTROL_RE.sub(_control, text)
    parts = (_ASCII_WORD if text.isascii() else _WORD).split(text)  # gap, word, gap, …, word, gap
    words = parts[1::2]
    kinds = "".join(map(_word_kind, words))
    # Sentence case: most words after the first (of four characters or more, without capitals by form) are lower case.
    sentence_case = kinds.count("L", 1) > kinds.count("U", 1)
    plus = "+" in text or "#" in text
    if evidence and (sentence_case or not any(map(evidence.__contains__, words))):
        evidence = None  # not needed, or no word of the title is in it
    gaps = parts[0::2]
    if not sentence_case and not evidence and not plus and not gaps[0] and gaps[1:-1].count(" ") == len(gaps) - 2:
        # Title case, words apart by single spaces, no evidence: only capitals by form count.
        braced = [m.start() for m in _BY_FORM.finditer(kinds) if m.start() or m[0] == "I"]
    else:
        braced = _judge(parts, words, kinds, sentence_case, plus, evidence)
    if not braced and not escaping:
        return text
    pieces = parts
    if escaping:
        # A word has nothing to escape (letters and digits, an apostrophe only between them),
        # only accents to encode with ``ascii``.  The gaps are escaped in one pass, joined by
        # NUL: it stands for the words (no typed ligature across it, a quote after it closes),
        # and braces pair up across the gaps as they did across the title.
        gaps = "\0".join(parts[0::2])
        pieces = list(parts)
        pieces[0::2] = _escape_span(gaps, 0, len(gaps), _matched_braces(gaps), ascii).split("\0")
        if ascii:
            pieces[1::2] = [to_ascii_latex(word) for word in words]
    for i in braced:
        pieces[2 * i + 1] = "{" + pieces[2 * i + 1] + "}"
    return "".join(pieces)


_BY_FORM = re.compile("[IF]")


def _judge(parts: list[str], words: list[str], kinds: str, sentence_case: bool, plus: bool,
           evidence: str | None) -> list[int]:
    """The indices of the words to brace, by the rules of the module docstring (``kinds`` from
    :func:`_word_kind`)."""
    braced = []
    candidates = []  # Title Case: capitalised words within a sentence, braced on evidence
    for i, kind in enumerate(kinds):
        if kind in "Lo":
            continue
        if kind != "I":
            gap = parts[2 * i]
            if gap != " " or not i:  # " " before a word other than the first: within a sentence
                position = _position(gap, i == 0)
                if position == _KEPT:
                    continue
                if position == _SENTENCE:
                    braced.append(i)
                    continue
            if kind != "F" and not sentence_case and not (plus and parts[2 * i + 2][:1] in ("+", "#")):  # C++, C#
                candidates.append(i)
                continue
        braced.append(i)
    if candidates and evidence:
        nouns = _proper_nouns([words[i] for i in candidates], evidence)
        if nouns:
            braced.extend(i for i in candidates if words[i] in nouns)
    return braced


def _proper_nouns(candidates: list[str], evidence: str) -> set[str]:
    """Those of ``candidates`` that ``evidence`` capitalises within a sentence."""
    if len(candidates) <= 64 and not any(map(evidence.__contains__, candidates)):
        return set()  # the usual case, without splitting the evidence
    wanted = set(candidates)
    nouns = set()
    parts = _WORD.split(evidence)
    for i in range(1, len(parts), 2):
        word = parts[i]
        if word in wanted and word not in nouns:
            before = _last_mark(parts[i - 1]) or (parts[i - 2][-1:] if i > 1 else "")
            if before and before not in _SENTENCE_END:
                nouns.add(word)
    return nouns


# Where the quick title-case exit cannot vouch for a title: a capital not followed by a lower-case
# letter (one capital letter other than A, T5); a digit, an apostrophe, +, a sentence that ends
# before more text, a colon not followed by spaces and a letter.  (Separate patterns: quicker.)
_CAPITAL_ALONE = re.compile(r"[B-Z](?![a-z])")
_CAPITALISED_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*[?!.]?")
_TRAP = re.compile(r"[0-9'+]|[.?!](?!\s*\Z)|:(?! +[A-Za-z])")


def _plain_title(text: str, evidence: str | None) -> bool:
    """A quick test that :func:`protect_title` braces no word of a title with nothing to
    escape: ``True`` only when it does not (an ASCII title), ``False`` when it may.

    Two kinds of title pass: a capital at most as the first character; and title case
    (``str.istitle``, starting with a letter) without the traps above, whose words, all
    capitalised, are braced only on evidence.
    """
    if not text.isascii():
        return False
    rest = text[1:]
    if rest == rest.lower():
        return True
    m = _CAPITALISED_WORDS.match(text)  # match and compare ends: a failed fullmatch backtracks
    if m and m.end() == len(text):  # the usual title case: no trap, split on spaces
        if not evidence:
            return True
        words = text.rstrip("?!.").split()
    elif not text.istitle() or not text[0].isalpha() or _CAPITAL_ALONE.search(text) or _TRAP.search(text):
        return False
    elif not evidence:
        return True
    else:
        words = _ASCII_WORD.findall(text)  # the words protect_title sees
    return not any(map(evidence.__contains__, words[1:])) or not _proper_nouns(words[1:], evidence)


# ----------------------------------------------------------------------------- decoding (for the BibTeX reader)

# Inverse tables, derived from the encoding tables above so the two directions agree.
_ACCENT_MARKS = {cmd: mark for mark, cmd in _ACCENTS.items()}
_MATH_CHARS = {cmd: ch for ch, cmd in _MATH.items()}
_SYMBOL_WORDS = {tex.strip("{}\\").removesuffix("{}").removesuffix("{"): ch
                 for ch, tex in {**_SPECIALS, **_LETTERS}.items() if re.fullmatch(r"\{?\\[A-Za-z]+\}?(?:\{\})?", tex)}
_SYMBOL_WORDS.update({"i": "ı", "j": "ȷ", "aa": "å", "AA": "Å", "textendash": "–", "textemdash": "—",
                      "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
                      "textquotedblright": "”", "dots": "…", "textellipsis": "…", "textunderscore": "_",
                      "textdollar": "$", "textpercent": "%", "textampersand": "&", "S": "§", "P": "¶",
                      "copyright": "©", "textregistered": "®", "texttrademark": "™", "LaTeX": "LaTeX",
                      "TeX": "TeX", "BibTeX": "BibTeX", "slash": "/", "textquotedbl": '"', "textbar": "|",
                      "textless": "<", "textgreater": ">",
                      "textbullet": "•", "quad": " ", "qquad": " ", "relax": "",
                      "ignorespaces": "", "space": " ", "newline": " ", "par": " ", "noindent": ""})
# Commands whose (last) argument is just text: the command itself is dropped.
_TEXT_COMMANDS = {"emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textsl",
                  "textmd", "textnormal", "mbox", "hbox", "url", "nolinkurl", "NoCaseChange", "enquote",
                  "uppercase", "lowercase", "MakeUppercase", "MakeLowercase", "protect", "text", "textsuperscript",
                  "textsubscript", "ensuremath", "underline", "uline", "em", "it", "bf", "sc", "tt", "rm",
                  "sf", "sl", "upshape", "itshape", "bfseries", "scshape", "ttfamily", "normalfont"}
_TWO_ARGS = {"href": 1}  # \href{url}{text}: keep argument 1 (0-based)
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))
_NEEDS_DECODING = re.compile(r"[\\{}~$]|--|``|''")


def decode(text: str) -> str:
    """LaTeX (as found in BibTeX fields) → plain text: the inverse of :func:`escape`
    and :func:`protect_title`, for both UTF-8 and ``ascii`` output.

    Accents become precomposed characters, protective braces disappear, text
    commands (``\\emph``, ``\\url``…) keep their text, ``~`` is a no-break
    space, the TeX ligatures (three or two hyphens, two back or two straight quotes) are the
    characters they print (—, –, “, ”), a braced pair (``{``}``, ``{''}``) is a straight
    double quote; math is kept as written, except the one symbol :func:`escape` or
    ``--ascii`` writes there (``$<$``, ``$\\ell$``).
    A brace without a partner and an unknown command are kept as written, so nothing is lost.

    >>> decode(r"On {GANs} and {\\'E}mile's {\\\"u}ber-{\\ss} \\& 50\\% \\textbraceleft{}x\\textbraceright{}")
    "On GANs and Émile's über-ß & 50% {x}"
    >>> decode(protect_title('Ünïcode {braces} & 100% of "\\\\TeX" ~50$ ℓ', ascii=True))
    'Ünïcode {braces} & 100% of "\\\\TeX" ~50$ ℓ'
    """
    if not _NEEDS_DECODING.search(text):
        return text
    return _Decoder(text).run(0, len(text), 0)


class _Decoder:
    """Decodes one text, whose brace pairs are found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pairs = brace_pairs(text) if "{" in text else {}

    def run(self, i: int, end: int, depth: int) -> str:
        if depth > 100:  # absurdly nested input: keep the rest as written
            return self.text[i:end]
        out: list[str] = []
        while i < end:
            piece, i = self.unit(i, end, depth)
            out.append(piece)
        return "".join(out)

    def group(self, i: int, depth: int) -> tuple[str, int]:
        """The brace pair opening at ``i``: its decoded text and the index after it."""
        close = self.pairs[i]
        inner = self.text[i + 1 : close]
        if inner in ("``", "''"):
            return '"', close + 1
        return self.run(i + 1, close, depth + 1), close + 1

    def argument(self, i: int, end: int, depth: int) -> tuple[str, int]:
        """One macro argument starting at ``i``: a brace group, a control sequence, or a character."""
        text = self.text
        while i < end and text[i] in " \t\n":
            i += 1
        if i >= end:
            return "", i
        if i in self.pairs:
            return self.group(i, depth)
        if text[i] == "\\":
            return self.unit(i, end, depth + 1)
        return text[i], i + 1

    def unit(self, i: int, end: int, depth: int) -> tuple[str, int]:
        """Decode one unit at ``i``: a command with its arguments, a group, or a character."""
        text = self.text
        ch = text[i]
        if ch == "\\" and i + 1 < end:
            nxt = text[i + 1]
            if not nxt.isalpha():
                i += 2
                if nxt in _ACCENT_MARKS:
                    arg, i = self.argument(i, end, depth)
                    return _accent(arg, _ACCENT_MARKS[nxt]), i
                if nxt in "&%$#_{}":
                    return nxt, i
                if nxt in " \n\t,;:!\\":
                    return " ", i
                if nxt in "-/@":
                    return "", i  # discretionary hyphen, italic correction, spacing hints
                return "\\" + nxt, i
            j = i + 2
            while j < end and text[j].isalpha():
                j += 1
            name = text[i + 1 : j]
            if name in _ACCENT_MARKS:
                arg, i = self.argument(j, end, depth)
                return _accent(arg, _ACCENT_MARKS[name]), i
            if name in _SYMBOL_WORDS:
                i = j
                if text.startswith("{}", i) and i + 2 <= end:
                    i += 2
                else:
                    while i < end and text[i] in " \t\n":
                        i += 1
                return _SYMBOL_WORDS[name], i
            if name in _TWO_ARGS:
                args = []
                i = j
                for _ in range(2):
                    arg, i = self.argument(i, end, depth)
                    args.append(arg)
                return args[_TWO_ARGS[name]], i
            if name in _TEXT_COMMANDS:
                i = j
                while i < end and text[i] in " \t\n":
                    i += 1
                if i in self.pairs:
                    return self.group(i, depth)
                return "", i
            return text[i:j], j  # unknown: keep as written
        if ch == "{" and i in self.pairs:
            return self.group(i, depth)
        if ch == "~":
            return "\u00a0", i + 1
        if ch in "-`'":
            for ligature, char in _LIGATURES:
                if text.startswith(ligature, i) and i + len(ligature) <= end:
                    return char, i + len(ligature)
        if ch == "$":
            close = text.find("$", i + 1, end)
            if close != -1:
                math = text[i + 1 : close]
                if math[:1] == "\\" and math[1:] in _MATH_CHARS:
                    return _MATH_CHARS[math[1:]], close + 1
                if math in ("<", ">", "|"):
                    return math, close + 1
                return text[i : close + 1], close + 1
        return ch, i + 1


def _accent(base: str, mark: str) -> str:
    import unicodedata  # only the BibTeX reader needs it

    if not base:
        return unicodedata.normalize("NFC", "\u00a0" + mark) if mark else ""
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])
    return unicodedata.normalize("NFC", first + mark) + base[1:]
