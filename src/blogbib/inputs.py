"""Getting text in: files, standard input, bytes in any of the encodings people have.

One place decodes input, so every reader sees ``str`` and every encoding
problem gets the same clear message.
"""

from __future__ import annotations

import codecs
import os
import sys

from .errors import InputError, Problem

__all__ = ["Source", "decode", "load"]


class Source:
    """Text to read, with the name messages should use (and its path, for --from auto suffix detection)."""

    __slots__ = ("name", "text", "path")

    def __init__(self, name: str, text: str, path: str | None = None) -> None:
        self.name, self.text, self.path = name, text, path


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Anything else is an error naming the line of the first bad byte, never mojibake.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _no_nul(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise _decode_error(data, exc, name, encoding.upper()) from None
    if b"\x00" in data[:4096] and _looks_like_utf16(data):
        raise InputError(Problem(name, 1, "looks like UTF-16 without a byte order mark; "
                                 "save the file as UTF-8 (or UTF-16 with a BOM)"))
    try:
        return _no_nul(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, name, "UTF-8") from None


def _looks_like_utf16(data: bytes) -> bool:
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return len(head) >= 8 and max(even, odd) > len(head) // 4  # ASCII-range UTF-16: every other byte is zero


def _no_nul(text: str, name: str) -> str:
    """A text file has no NUL characters; one that does is binary (or a bad encoding)."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise InputError(Problem(name, line, f"contains a NUL character (column {column}): "
                                 "a binary file, not text"))
    return text


def _decode_error(data: bytes, exc: UnicodeDecodeError, name: str, encoding: str) -> InputError:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    what = f"byte 0x{data[exc.start]:02x} at offset {exc.start}, column {column}"
    return InputError(
        Problem(name, line, f"not valid {encoding} text ({what}; {exc.reason}); save the file as UTF-8")
    )


def load(spec: str | os.PathLike[str]) -> Source:
    """A path, or ``-`` for standard input."""
    if str(spec) == "-":
        data = sys.stdin.buffer.read()
        return Source("<stdin>", decode(data, "<stdin>"))
    try:
        with open(spec, "rb") as handle:  # open(), not pathlib: pathlib costs start-up time
            data = handle.read()
    except FileNotFoundError:
        raise InputError(Problem(str(spec), None, "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(spec), None, "is a directory, not a file")) from None
    except OSError as exc:
        raise InputError(Problem(str(spec), None, exc.strerror or str(exc))) from None
    return Source(str(spec), decode(data, str(spec)), path=str(spec))
