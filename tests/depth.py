"""How deep a fuzz test goes: a fifth of its examples in the quick run, all of them under ``pytest -m deep``.

Either decorate the test (its body is the check, the strategies' arguments drawn)::

    @fuzz_test(settings(max_examples=200), refs=st.lists(references()))
    def test_something(refs): ...

or take ``depth`` (parametrized with :data:`DEPTHS`) and call :func:`fuzz`.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Iterable

import pytest
from hypothesis import example, given, settings


class Depth:
    """A share of a fuzz test's full example count."""

    def __init__(self, name: str, share: int) -> None:
        self.name, self.share = name, share

    def of(self, examples: int) -> int:
        return max(1, examples // self.share)

    def __repr__(self) -> str:
        return self.name


DEPTHS = [pytest.param(Depth("quick", 5), id="quick"),
          pytest.param(Depth("deep", 1), id="deep", marks=pytest.mark.deep)]


def fuzz(check: Callable[..., Any], config: settings, examples: Iterable[dict[str, Any]] = (),
         **strategies: Any) -> None:
    """Run ``check`` on ``examples`` and on what hypothesis draws from ``strategies`` (keywords), under ``config``."""

    def run(**example: Any) -> None:
        check(**example)

    test = given(**strategies)(run)
    for explicit in reversed(list(examples)):
        test = example(**explicit)(test)
    config(test)()


def fuzz_test(config: settings, *positional: Any, **strategies: Any) -> Callable[[Callable[..., Any]], Any]:
    """Make ``check`` a test run at each depth: ``config.max_examples`` deep, a fifth of them quick.

    Strategies are given as to ``hypothesis.given`` (positional ones fill the
    last parameters); ``@example`` decorators below this one still apply.  The
    test keeps ``check``'s other parameters (fixtures, parametrized ones) and gains ``depth``.
    """

    def decorate(check: Callable[..., Any]) -> Any:
        signature = inspect.signature(check)
        names = list(signature.parameters)
        drawn = {**dict(zip(names[len(names) - len(positional):], positional)), **strategies}
        explicit = [{**dict(zip(names[len(names) - len(positional):], e.args)), **e.kwargs}
                    for e in getattr(check, "hypothesis_explicit_examples", [])]

        def test(depth: Depth, **arguments: Any) -> None:
            fuzz(lambda **drawn_values: check(**arguments, **drawn_values),
                 settings(config, max_examples=depth.of(config.max_examples)), explicit, **drawn)

        kept = [p for name, p in signature.parameters.items() if name not in drawn]
        depth = inspect.Parameter("depth", inspect.Parameter.POSITIONAL_OR_KEYWORD)
        test.__signature__ = signature.replace(parameters=[*kept, depth])  # type: ignore[attr-defined]
        test.__name__, test.__qualname__, test.__doc__ = check.__name__, check.__qualname__, check.__doc__
        test.__module__ = check.__module__
        return pytest.mark.parametrize("depth", DEPTHS)(test)

    return decorate
