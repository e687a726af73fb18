"""inputs.decode: the encodings people have, and a clear error (file, line, byte) for the rest."""

from __future__ import annotations

import codecs

import pytest

from blogbib.errors import InputError
from blogbib.inputs import decode, load

TEXT = "Café “quoted” — naïve\nJul 15, 2022 (Łukasz Żółć). 😀 done\n"


@pytest.mark.parametrize(
    "label, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf-32 LE with BOM", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
        ("utf-32 BE with BOM", codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be")),
    ],
)
def test_supported_encodings_decode_to_the_same_text_without_bom(label, data):
    assert decode(data, "f.txt") == TEXT


@pytest.mark.parametrize(
    "data, line, fragment",
    [
        ("Title\nCafé".encode("latin-1"), 2, "not valid UTF-8 text (byte 0xe9 at offset 9, column 4"),
        ("a\nb\n“c”".encode("cp1252"), 3, "byte 0x93 at offset 4, column 1"),
        (b"ok\n\xf0\x9f\x98", 2, "byte 0xf0 at offset 3, column 1; unexpected end of data"),
        (codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00", 1, "not valid UTF-16 text"),
        (codecs.BOM_UTF16_LE + b"\x00\xdc", 1, "not valid UTF-16 text"),  # a lone low surrogate
        ("Title\nJul 1, 2020".encode("utf-16-le"), 1, "looks like UTF-16 without a byte order mark"),
        ("Title\nJul 1, 2020".encode("utf-16-be"), 1, "looks like UTF-16 without a byte order mark"),
        (b"first line\nsecond\x00line", 2, "contains a NUL character (column 7)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1, "not valid UTF-8"),
    ],
)
def test_undecodable_input_is_a_clear_error_with_file_line_and_byte(data, line, fragment):
    with pytest.raises(InputError) as info:
        decode(data, "posts.txt")
    problem = info.value.problems[0]
    assert (problem.source, problem.line) == ("posts.txt", line)
    assert fragment in problem.message
    assert str(info.value).startswith(f"posts.txt:{line}: ")
    assert "save the file as UTF-8" in problem.message or "binary" in problem.message


def test_load_names_the_path_in_decoding_errors(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("x\ny\nz é".encode("latin-1"))
    with pytest.raises(InputError, match=rf"^{path}:3: not valid UTF-8"):
        load(path)
