"""ReadingList: an immutable sequence of references with unique keys.

Every operation returns a new list; the references themselves are frozen.
"""

from __future__ import annotations

from typing import Iterable, Iterator, overload

from .keys import assign_keys
from .model import Reference

__all__ = ["ReadingList"]


class ReadingList:
    """An immutable, ordered list of :class:`Reference` whose keys are unique.

    >>> from blogbib.model import Date, Name, Reference
    >>> post = Reference(title="Saddles Again", author=[Name(family="Recht", given="Ben")], issued=Date(2016))
    >>> rl = ReadingList([post, post])
    >>> len(rl), [r.id for r in rl]
    (2, ['recht2016saddles', 'recht2016saddlesa'])
    """

    __slots__ = ("_refs",)

    def __init__(self, refs: Iterable[Reference] = ()) -> None:
        self._refs: tuple[Reference, ...] = tuple(assign_keys(list(refs)))

    # ----------------------------------------------------------- sequence protocol
    def __len__(self) -> int:
        return len(self._refs)

    def __iter__(self) -> Iterator[Reference]:
        return iter(self._refs)

    @overload
    def __getitem__(self, index: int) -> Reference: ...
    @overload
    def __getitem__(self, index: slice) -> "ReadingList": ...
    def __getitem__(self, index: int | slice) -> "Reference | ReadingList":
        if isinstance(index, slice):
            return ReadingList(self._refs[index])
        return self._refs[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(r.id == item for r in self._refs)
        return item in self._refs

    def __add__(self, other: Iterable[Reference]) -> "ReadingList":
        return ReadingList((*self._refs, *other))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ReadingList):
            return self._refs == other._refs
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._refs)

    def __repr__(self) -> str:
        return f"ReadingList({len(self)} references)"

    @property
    def references(self) -> tuple[Reference, ...]:
        return self._refs

    def get(self, key: str) -> Reference:
        """The reference with citation key ``key`` (KeyError if none)."""
        for ref in self._refs:
            if ref.id == key:
                return ref
        raise KeyError(key)

    # ------------------------------------------------------------------- writing
    def write(self, format: str, **options: object) -> str:
        """Serialise to a format by name: ``bibtex``, ``biblatex``, ``csl-json``, ``ris``."""
        from .api import write

        return write(self, format, **options)  # type: ignore[arg-type]

    def to_bibtex(self, **options: object) -> str:
        return self.write("bibtex", **options)

    def to_biblatex(self, **options: object) -> str:
        return self.write("biblatex", **options)

    def to_csl_json(self) -> str:
        return self.write("csl-json")

    def to_ris(self) -> str:
        return self.write("ris")
