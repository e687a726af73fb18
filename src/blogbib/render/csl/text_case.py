"""CSL ``text-case`` and ``strip-periods`` on output trees.

Case changes see the text of all leaves together (a word may span formatting) and write each
character back to its leaf; :class:`~.output.NoCase` leaves and links are never changed.
Title case follows citeproc-js: its English stop words stay lower case except at the start of
a phrase, hyphenated parts are capitalized, words with capitals inside (``iPhone``, ``GANs``)
are kept, and it applies to English items only.
"""

from __future__ import annotations

import re

from .output import PLAIN, Node, Output, map_leaves

CASED = "cased"  # a node whose text an element's text-case has set

__all__ = ["change_case", "cased", "strip_periods", "STOP_WORDS", "CASED"]

# citeproc-js's list of words kept lower case in title case (English).
STOP_WORDS = frozenset("""
a according aboard about above across afore after against ahead along alongside amid amidst among amongst an and
anenst apart apropos apud around as aside astride at athwart atop back barring because before behind below beneath
beside besides between beyond but by c ca circa close d' de despite down due during et except far for forenenst from
given in inside instead into lest like modulo near next nor notwithstanding of off on onto or out outside over per
plus prior pro pursuant qua rather regardless sans since so such than the through thru throughout thruout till
to toward towards under underneath until unto up upon v. van versus via vis-à-vis von vs. where with within without
yet
""".split())

_WORD = re.compile(r"[^\s\-\u2013\u2014/]+")


def _leaves(tree: Output, out: list[tuple[str, bool, bool]], fixed: bool = False) -> None:
    """(text, whether its case is fixed, whether it is a leaf) in reading order.  NoCase and links
    are fixed, and so is text an inner element has already cased; affixes, delimiters and quotes
    are there (fixed, not leaves) so that words end where they do in print."""
    if isinstance(tree, str):
        out.append((tree, fixed or type(tree) is not str, True))
        return
    fixed = fixed or tree.tag == CASED
    fmt = tree.fmt
    if fmt.prefix:
        out.append((fmt.prefix, True, False))
    if fmt.quotes:
        out.append(("\u201c", True, False))
    for i, child in enumerate(tree.children):
        if i and fmt.delimiter:
            out.append((fmt.delimiter, True, False))
        _leaves(child, out, fixed)
    if fmt.quotes:
        out.append(("\u201d", True, False))
    if fmt.suffix:
        out.append((fmt.suffix, True, False))


def _rebuild(tree: Output, texts: list[str], index: list[int]) -> Output:
    if isinstance(tree, str):
        text = texts[index[0]]
        index[0] += 1
        return text if type(tree) is str else type(tree)(text)
    return Node([_rebuild(child, texts, index) for child in tree.children], tree.fmt, tree.tag)


def cased(tree: Output, case: str, english: bool = True) -> Output:
    """:func:`change_case`, the result marked so that a text-case around it leaves it as it is
    (citeproc-js: the innermost text-case wins)."""
    return Node([change_case(tree, case, english)], PLAIN, CASED)


def change_case(tree: Output, case: str, english: bool = True) -> Output:
    """``tree`` with CSL ``text-case`` applied (``english``: the item's language is English)."""
    if case == "title" and not english:
        return tree
    runs: list[tuple[str, bool, bool]] = []
    _leaves(tree, runs)
    visible = "".join(run for run, _, _ in runs)
    protected = [False] * len(visible)
    pos = 0
    for run, fixed, _ in runs:
        if fixed:
            for i in range(pos, pos + len(run)):
                protected[i] = True
        pos += len(run)
    chars = _apply(visible, protected, case)
    if chars is None:
        return tree
    new_visible = "".join(chars)
    if isinstance(tree, str):
        return new_visible if type(tree) is str else tree
    texts = []
    pos = 0
    for run, _, leaf in runs:
        if leaf:
            texts.append(new_visible[pos:pos + len(run)])
        pos += len(run)
    return _rebuild(tree, texts, [0])


def _apply(visible: str, protected: list[bool], case: str) -> list[str] | None:
    chars = list(visible)

    def upper_at(i: int) -> None:
        if not protected[i]:
            up = chars[i].upper()
            chars[i] = up if len(up) == 1 else chars[i]

    def lower_range(a: int, b: int) -> None:
        for i in range(a, b):
            if not protected[i]:
                low = chars[i].lower()
                chars[i] = low if len(low) == 1 else chars[i]

    def first_letter(a: int, b: int) -> int | None:
        """Where the word starts, after any punctuation, if it starts with a letter ("40th": None)."""
        for i in range(a, b):
            if chars[i].isalnum():
                return i if chars[i].isalpha() else None
        return None

    if case == "lowercase":
        lower_range(0, len(chars))
    elif case == "uppercase":
        for i in range(len(chars)):
            upper_at(i)
    elif case == "capitalize-first":
        m = _WORD.search(visible)
        if m:
            i = first_letter(m.start(), m.end())
            if i is not None:
                upper_at(i)
    elif case == "capitalize-all":
        for m in _WORD.finditer(visible):
            i = first_letter(m.start(), m.end())
            if i is not None and visible[m.start():m.end()].islower():
                upper_at(i)
    elif case == "sentence":
        if visible.isupper():
            lower_range(0, len(chars))
        m = _WORD.search(visible)
        if m:
            i = first_letter(m.start(), m.end())
            if i is not None:
                upper_at(i)
    elif case == "title":  # an all-capitals text is kept as it is ("UK", citeproc-js)
        start_of_phrase = True
        words = list(_WORD.finditer(visible))
        for n, m in enumerate(words):
            word = visible[m.start():m.end()]
            core = word.strip("“”‘’\"'([{.,:;?!").lower()
            hyphen_part = m.start() > 0 and visible[m.start() - 1] in "-/"
            before_hyphen = m.end() < len(visible) and visible[m.end()] == "-"
            i = first_letter(m.start(), m.end())
            # "n-grams" keeps its n, "07-x" its x
            variable_letter = len(word) == 1 and (before_hyphen or hyphen_part)
            if i is not None and word == word.lower() and not variable_letter:
                if (start_of_phrase or n == len(words) - 1 or core not in STOP_WORDS
                        or (before_hyphen and not hyphen_part)):  # the last word, "Pro-Environmental"
                    upper_at(i)
            start_of_phrase = word[-1:] in (":", "?", "!") or (word.endswith(".") and len(core) > 2)
    else:
        return None
    return chars


def _strip(text: str) -> str:
    if "." not in text:
        return text
    stripped = text.replace(".", "")
    return stripped if type(text) is str else type(text)(stripped)


def strip_periods(tree: Output) -> Output:
    """``tree`` without periods (CSL ``strip-periods``)."""
    return map_leaves(tree, _strip)

