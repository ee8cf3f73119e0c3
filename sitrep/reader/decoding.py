"""Bytes to text: UTF-8 (with or without a BOM), UTF-16/32 with a BOM, or a legacy 8-bit encoding.

Binary files (NUL bytes, mostly non-text bytes or characters) and text no encoding reads
cleanly are refused with a `BadFileError` saying which.
"""

from __future__ import annotations

import logging
import re

from .errors import BadFileError

log = logging.getLogger(__name__)


_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ue000-\uf8ff\ufffd]")


def decode_bytes(raw: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16/32 with a BOM; else `BadFileError`."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_with(raw, "utf-32", "UTF-32")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_with(raw, "utf-16", "UTF-16")
    else:
        if b"\x00" in raw:
            raise BadFileError("binary file (contains NUL bytes)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            sample = raw[:65536]
            if sample and len(_BINARY_BYTES.findall(sample)) > 0.1 * len(sample):
                raise BadFileError("binary file (mostly non-text bytes)") from None
            legacy = _decode_legacy(raw)
            if legacy is None:
                bad = raw[exc.start]
                raise BadFileError(f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start}) "
                                   "and no other encoding fits") from None
            text = legacy
    if "\x00" in text:
        raise BadFileError("binary file (contains NUL characters)")
    if text:
        junk = len(text) - len(_NON_TEXT_CHARS.sub("", text))
        if junk > 0.3 * len(text):
            raise BadFileError("binary file (mostly non-text characters)")
    return text


def _decode_legacy(raw: bytes) -> str | None:
    """Text saved in a legacy 8-bit encoding, or None when no encoding reads it cleanly.

    Windows-1252 first: it is what most non-UTF-8 English and French news text is in, and
    it reads such text with only a few accented letters among plain ASCII ones. Otherwise
    charset-normalizer's best guess (Windows-1251 Cyrillic, 1256 Arabic...) when it finds
    the result orderly. Short samples fool detectors into near-identical Latin code pages
    (1250 for 1252 turns "à" into "ŕ"), hence the 1252 rule first.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [c for c in text if c.isalpha()]
        foreign = sum(1 for c in letters if not c.isascii())
        if letters and foreign <= 0.2 * len(letters):
            log.info("read as Windows-1252 (not UTF-8)")
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.percent_chaos > 10:
        return None
    log.info("read as %s (not UTF-8)", best.encoding)
    return str(best)


def _decode_with(raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadFileError(f"not valid {label} text (bad data at offset {exc.start})") from None
