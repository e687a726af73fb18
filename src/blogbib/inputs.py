"""Getting text in: files, standard input, bytes in any of the encodings people have.

One place decodes input, so every reader sees ``str`` and every encoding
problem gets the same clear message.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass

from .errors import InputError, Problem

__all__ = ["Source", "decode", "load"]


@dataclass(frozen=True)
class Source:
    """Text to read, with the name messages should use."""

    name: str
    text: str
    path: str | None = None  # for --from auto suffix detection


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
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _decode_error(data, exc, name, encoding) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, name, "UTF-8") from None


def _decode_error(data: bytes, exc: UnicodeDecodeError, name: str, encoding: str) -> InputError:
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(
        Problem(name, line, f"not valid {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8")
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
