"""The reading-list API is documented and typed: help(blogbib) is useful."""

from __future__ import annotations

import inspect
import pydoc

import blogbib
from blogbib import ReadingList, output, reading_list, selection
from blogbib.render import documents


def _public(obj):
    for name, value in inspect.getmembers(obj):
        if not name.startswith("_") and (inspect.isfunction(value) or isinstance(value, property)):
            yield name, value


def test_every_public_reading_list_method_has_types_and_an_example():
    missing_example = []
    for name, member in _public(ReadingList):
        func = member.fget if isinstance(member, property) else member
        assert func.__doc__, f"ReadingList.{name} has no docstring"
        signature = inspect.signature(func)
        assert signature.return_annotation is not inspect.Signature.empty, f"ReadingList.{name}: no return type"
        for param in list(signature.parameters.values())[1:]:
            assert param.annotation is not inspect.Parameter.empty, f"ReadingList.{name}({param.name}): no type"
        if ">>>" not in func.__doc__ and not isinstance(member, property):
            missing_example.append(name)
    assert missing_example == ["write"]  # write(format) is shown by every to_* example


def test_module_functions_are_typed():
    for module in (reading_list, selection, documents, output):
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                signature = inspect.signature(value)
                assert value.__doc__, f"{module.__name__}.{name}: no docstring"
                assert signature.return_annotation is not inspect.Signature.empty, f"{module.__name__}.{name}"
                assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values())


def test_help_blogbib_tours_the_reading_list():
    text = pydoc.render_doc(blogbib, renderer=pydoc.plaintext)
    for word in ("ReadingList", "filter", "sort", "group_by", "annotate", "dedupe", "to_html", "save"):
        assert word in text
    page = pydoc.render_doc(ReadingList, renderer=pydoc.plaintext)
    assert "filter(self, *, author:" in page and "Undated entries never match" in page
