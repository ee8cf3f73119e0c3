"""`json_report.dumps`: the text `json.dumps(ensure_ascii=False)` writes, made by msgspec when it can."""

from __future__ import annotations

import json

from sitrep.report.json_report import dumps, to_json

from dated_fixtures import dated_situation
from tui_fixtures import large_situation, mali_situation


def test_a_report_is_written_as_json_dumps_writes_it() -> None:
    for situation in (mali_situation(), dated_situation(), large_situation(200)):
        data = json.loads(to_json(situation))
        assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_text_of_every_kind_is_written_as_json_dumps_writes_it() -> None:
    text = "".join(map(chr, range(0x80))) + "\u2028\u202e\u200b\ufeff é 😀"
    data = {"text": text, "n": [0.3, -0.0, 10**20]}
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_a_lone_surrogate_is_written_as_json_dumps_writes_it() -> None:
    data = {"file": "caf\udce9.txt"}
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_the_compact_form_keeps_python_s_separators() -> None:
    assert dumps({"a": [1, 2]}, indent=None) == '{"a": [1, 2]}'
