"""The JSON report: a stable contract other tools read.

Top level: `title`, `folder`, `focus`, `status`, `actors`, `disputes`, `context`, `articles`,
`bad_files`. An actor has `name`, `aliases`, `kind`, `roles`, `status`, `mentions`,
`evidence` (list of `file` + `sentence`), plus `events`, `articles`, `score` and `minor`.
"""

from __future__ import annotations

import json

from ..model import Situation


def to_json(situation: Situation, indent: int | None = 2) -> str:
    """The situation as a JSON document (UTF-8 text, non-ASCII kept)."""
    return json.dumps(situation.to_dict(), ensure_ascii=False, indent=indent)
