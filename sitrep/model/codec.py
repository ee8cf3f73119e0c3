"""Checked decoding of the model's JSON records (the `from_dict` side).

Encoding and decoding name every field by hand rather than going through `asdict` and `cls(**data)`:
a warm start decodes every cached result, and the generic route was most of its time. Keys come out
in field order (the cache and the JSON report rely on it), unknown keys are ignored, missing
optional ones take their defaults, and a missing required one raises KeyError. Decoding also checks
every value's type (a cache row may have been tampered with), raising TypeError, so a bad record is
refused here and never reaches the merge.
"""

from __future__ import annotations

from typing import Any, get_args

from .kinds import Certainty, Polarity


def _record(data: Any) -> dict[str, Any]:
    """`data` if it is a JSON object, else `TypeError`."""
    if type(data) is not dict:
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _text(value: Any) -> str:
    """`value` if it is a string, else `TypeError`."""
    if type(value) is not str:
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    """`value` if it is a string or None, else `TypeError`."""
    return None if value is None else _text(value)


def _list_of(value: Any, kind: type, what: str) -> list[Any]:
    """`value` if it is a list whose items are all exactly of `kind`, else `TypeError`."""
    if type(value) is not list:
        raise TypeError(f"expected a list of {what}, got {type(value).__name__}")
    for item in value:
        if type(item) is not kind:
            raise TypeError(f"expected a list of {what}, got {type(item).__name__} in it")
    return value


def _texts(value: Any) -> list[str]:
    """`value` if it is a list of strings, else `TypeError`."""
    return _list_of(value, str, "text")


def _integer(value: Any) -> int:
    """`value` if it is an integer (not a bool), else `TypeError`."""
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _integers(value: Any) -> list[int]:
    """`value` if it is a list of integers (not bools), else `TypeError`."""
    return _list_of(value, int, "integers")


def _number(value: Any) -> float:
    """`value` if it is an integer or a float (not a bool), else `TypeError`."""
    if type(value) is not float and type(value) is not int:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return value


def _flag(value: Any) -> bool:
    """`value` if it is a bool, else `TypeError`."""
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


_CERTAINTIES = frozenset(get_args(Certainty))
_POLARITIES = frozenset(get_args(Polarity))


def _one_of(value: Any, allowed: frozenset[str]) -> Any:
    """`value` if it is one of `allowed`, else `TypeError` (the merge indexes tables by these)."""
    if type(value) is not str or value not in allowed:
        raise TypeError(f"expected one of {sorted(allowed)}, got {value!r:.40}")
    return value


def _list(value: Any) -> list[Any]:
    """`value` if it is a list, else `TypeError`."""
    if type(value) is not list:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value
