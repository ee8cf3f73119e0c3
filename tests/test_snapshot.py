"""Stored reports (`sitrep.snapshot`): a lossless round trip, a key that changes with every input
a merge reads, and tampered bytes refused."""

from __future__ import annotations

import random
import zlib
from dataclasses import replace

import msgspec
import pytest
import zstandard

from sitrep.model import BadFile
from sitrep.rows import COMPRESSION_DICTIONARY
from sitrep.snapshot import decode_report, encode_report, report_key

from dated_fixtures import dated_situation
from tui_fixtures import large_situation, mali_situation

FILES = [("a.txt", "1" * 64, 1714550400.25), ("b/c.txt", "2" * 64, 1714550401.0)]
BAD = [BadFile("d.bin", "binary file")]
PIPELINE = "0123456789abcdef"
READER = (20.0, False)


def _key(**changes: object) -> str:
    inputs: dict[str, object] = {"pipeline": PIPELINE, "reader": READER, "folder": "seeds",
                                 "files": FILES, "bad_files": BAD}
    inputs.update(changes)
    return report_key(**inputs)  # type: ignore[arg-type]


@pytest.mark.parametrize("situation", [mali_situation(), dated_situation(), large_situation(300)],
                         ids=["mali", "dated", "large"])
def test_a_stored_report_reads_back_equal(situation: object) -> None:
    assert decode_report(encode_report(situation)) == situation  # type: ignore[arg-type]


@pytest.mark.parametrize("situation", [mali_situation(), large_situation(300)], ids=["mali", "large"])
def test_the_stored_json_is_the_report_s_json_byte_for_byte(situation: object) -> None:
    stored = zstandard.ZstdDecompressor().decompress(encode_report(situation))  # type: ignore[arg-type]
    assert stored == msgspec.json.encode(situation)


def test_the_key_is_the_same_for_the_same_inputs() -> None:
    assert _key() == _key(files=list(FILES), bad_files=list(BAD))


@pytest.mark.parametrize("change", [
    {"pipeline": "fedcba9876543210"},
    {"reader": (21.0, False)},
    {"reader": (20.0, True)},
    {"folder": "seeds2"},
    {"files": FILES[:1]},
    {"files": FILES[::-1]},
    {"files": [("a.txt", "3" * 64, 1714550400.25), FILES[1]]},
    {"files": [("a.txt", "1" * 64, 1714550400.5), FILES[1]]},
    {"files": [("A.txt", "1" * 64, 1714550400.25), FILES[1]]},
    {"bad_files": []},
    {"bad_files": [BadFile("d.bin", "empty file")]},
    {"files": FILES + [("d.bin", "4" * 64, 0.0)], "bad_files": []},
], ids=["pipeline", "max size", "links", "folder", "a file gone", "order", "content", "mtime", "renamed",
        "bad file gone", "other reason", "bad file now an article"])
def test_the_key_changes_with_every_input_of_a_merge(change: dict[str, object]) -> None:
    assert _key(**change) != _key()


def test_a_name_cannot_be_shifted_into_the_next_field() -> None:
    shifted = [("a.txt\x001", "1" * 63, 1714550400.25), FILES[1]]
    assert _key(files=shifted) != _key()


def test_bytes_that_are_not_zlib_are_refused() -> None:
    with pytest.raises(ValueError):
        decode_report(b"not a report")


def test_a_report_cut_short_is_refused() -> None:
    data = encode_report(mali_situation())
    with pytest.raises(ValueError):
        decode_report(data[: len(data) // 2])


def test_json_of_the_wrong_shape_is_refused() -> None:
    deflater = zlib.compressobj(1, zdict=COMPRESSION_DICTIONARY)
    data = deflater.compress(b'{"folder": 3, "title": "x"}') + deflater.flush()
    with pytest.raises(ValueError, match="not a stored report"):
        decode_report(data)


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=3).compress(data)


def _json(situation: object) -> bytes:
    return msgspec.json.encode(situation)


def test_a_value_outside_its_vocabulary_is_refused() -> None:
    text = _json(mali_situation()).replace(b'"kind":"person"', b'"kind":"wizard"', 1)
    assert b"wizard" in text
    with pytest.raises(ValueError, match="not a stored report"):
        decode_report(_zstd(text))


def test_a_decompression_bomb_is_refused_before_it_inflates_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.snapshot as snapshot

    monkeypatch.setattr(snapshot, "MAX_REPORT_BYTES", 1 << 20)
    bomb = zstandard.ZstdCompressor(level=19).compress(b"[" * (64 << 20))
    assert len(bomb) < 4096
    with pytest.raises(ValueError, match="inflates past"):
        decode_report(bomb)


def test_an_older_cache_s_zlib_bomb_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.snapshot as snapshot

    monkeypatch.setattr(snapshot, "MAX_REPORT_BYTES", 1 << 20)
    deflater = zlib.compressobj(9, zdict=COMPRESSION_DICTIONARY)
    bomb = deflater.compress(b"[" * (8 << 20)) + deflater.flush()
    with pytest.raises(ValueError, match="inflates past"):
        decode_report(bomb)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    data = _zstd(b'{"folder": "x", "title": "t", "status": ' + b"[" * 100_000)
    with pytest.raises(ValueError):
        decode_report(data)


def test_a_report_cut_short_is_refused() -> None:
    stored = encode_report(mali_situation())
    with pytest.raises(ValueError, match="truncated"):
        decode_report(stored[: len(stored) // 2])


def test_bytes_after_the_end_of_a_report_are_refused() -> None:
    with pytest.raises(ValueError, match="after the end"):
        decode_report(encode_report(mali_situation()) + b"\0" * 5000)


def test_a_report_whose_frame_states_its_size_is_inflated_in_one_call(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.snapshot as snapshot

    def pieces(_data: bytes, _limit: int) -> bytearray:
        raise AssertionError("inflated piece by piece")

    monkeypatch.setattr(snapshot, "_unzstd_pieces", pieces)
    assert decode_report(encode_report(mali_situation())) == mali_situation()


def test_a_report_whose_frame_does_not_state_its_size_is_still_read() -> None:
    unsized = zstandard.ZstdCompressor(level=3, write_content_size=False).compress(_json(mali_situation()))
    assert zstandard.frame_content_size(unsized) < 0
    assert decode_report(unsized) == mali_situation()


def test_a_report_stored_by_an_older_cache_in_zlib_is_still_read() -> None:
    deflater = zlib.compressobj(1, zdict=COMPRESSION_DICTIONARY)
    older = deflater.compress(_json(mali_situation())) + deflater.flush()
    assert decode_report(older) == mali_situation()


def test_a_report_is_stored_in_half_the_bytes_zlib_took() -> None:
    situation = large_situation(300)
    deflater = zlib.compressobj(1, zdict=COMPRESSION_DICTIONARY)
    zlib_size = len(deflater.compress(_json(situation)) + deflater.flush())
    assert len(encode_report(situation)) < zlib_size * 0.6


def test_a_stored_report_is_written_with_a_window_of_two_megabytes_at_most() -> None:
    # The report is stored at the end of a cold run, at the peak of its memory: level 9 as it comes
    # took 11 MB of tables for a report of 10,000 articles, and a 4 MB window for this one.
    noise = random.Random(7)
    bad = [BadFile(f"{noise.getrandbits(128):032x}.txt", f"{noise.getrandbits(256):064x}")
           for _ in range(40_000)]
    parameters = zstandard.get_frame_parameters(encode_report(replace(mali_situation(), bad_files=bad)))
    assert parameters.content_size > 4 << 20 and parameters.window_size <= 2 << 20
