"""The JSON report: a stable contract other tools read.

Top level: `title`, `folder`, `focus`, `status`, `actors`, `disputes`, `context`, `articles`,
`bad_files`. An actor has `name`, `aliases`, `kind`, `roles`, `status`, `mentions`,
`evidence` (list of `file` + `sentence`), plus `events`, `articles`, `score` and `minor`.
"""

from __future__ import annotations

import json
import re

from ..model import Situation
from ..textsafe import UNSAFE, without_surrogates


def to_json(situation: Situation, indent: int | None = 2) -> str:
    """The situation as a JSON document: valid UTF-8, printable non-ASCII text kept as it is.

    A byte of a file name that is not UTF-8 is written U+FFFD, as in the Markdown. Controls,
    bidi and invisible characters (only ever in file names: the reader removes them from
    text) are written as `\\uXXXX` escapes, so the name reads back exactly and nothing reaches
    a terminal that prints the file.
    """
    text = without_surrogates(json.dumps(situation.to_dict(), ensure_ascii=False, indent=indent))
    # json.dumps has escaped every C0 control inside strings: a raw one is the indent's newline.
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    """One unsafe character as a JSON escape (a surrogate pair above U+FFFF); newlines kept."""
    char = match[0]
    if char < " ":
        return char
    units = char.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2))
