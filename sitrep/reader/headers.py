"""Leading metadata: front matter and `Key: value` header lines at the top of a file.

Front matter is YAML between `---` lines, read with PyYAML (with a line reader as fallback for
the invalid YAML scrapers write), or Hugo's TOML between `+++` lines, read with `tomllib`.
"""

from __future__ import annotations

import re

_KNOWN_KEYS = {
    "source", "sources", "src", "title", "headline", "subtitle", "date", "published", "published_at",
    "publish_date", "pubdate", "updated", "modified", "created", "author", "authors", "byline", "by",
    "writer", "category", "categories", "tags", "tag", "keywords", "slug", "url", "link", "original",
    "original_url", "canonical", "permalink", "outlet", "publisher", "publication", "site", "site_name",
    "newspaper", "language", "lang", "id", "description", "summary", "excerpt", "section", "location",
    "dateline", "credit", "credits", "via", "copyright", "type", "layout", "status", "draft", "image",
    "thumbnail", "lead",
}


_HEADER = re.compile(
    r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){0,2})[ \t]*:(?!//)[ \t]*(?P<value>.*)$"
)


_YAML_ITEM = re.compile(r"^\s*-\s+(.*)$")


def _norm_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _header_line(line: str) -> tuple[str, str] | None:
    """`(key, value)` when a line has the shape of a metadata header, else None."""
    m = _HEADER.match(line.strip())
    if m is None or len(m["key"]) > 30:
        return None
    return m["key"], m["value"].strip()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
    return value


_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){0,2}$")
"""A front matter key the reader keeps: the key of a `Key: value` header line."""


_MAX_NODES = 5_000
"""The most values one front matter block may hold once its aliases are followed: a YAML alias
bomb ("billion laughs") is given up on rather than expanded."""


class _TooBig(Exception):
    """A front matter block holds more values than `_MAX_NODES`."""


def _one_line(value: str) -> str:
    return re.sub(r"\s*\n\s*", " ", value).strip()


def _text(value: object, budget: list[int]) -> str:
    """A parsed front matter value as one line: a list or table as its items joined by ", ",
    a date as ISO 8601, true/false in lower case."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(t for item in value if (t := _text(item, budget)))
    if isinstance(value, dict):
        return ", ".join(t for item in value.values() if (t := _text(item, budget)))
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else _one_line(str(value))


def _flatten(data: dict[object, object], strict: bool) -> dict[str, str] | None:
    """Parsed front matter as `Article.metadata`: keys normalised, values on one line. A nested
    table gives its parent key all its values and its own keys too, unless the top level has
    them (Hugo's `[params] author = ...`). Keys that are not header-like make it None when
    `strict`, and are dropped otherwise; so does a block with more than `_MAX_NODES` values."""
    meta: dict[str, str] = {}
    nested: dict[str, str] = {}
    budget = [_MAX_NODES]
    try:
        for key, value in data.items():
            if not isinstance(key, str) or len(key) > 30 or not _KEY.match(key):
                if strict:
                    return None
                continue
            meta.setdefault(_norm_key(key), _text(value, budget))
            if isinstance(value, dict):
                for sub, item in value.items():
                    if isinstance(sub, str) and len(sub) <= 30 and _KEY.match(sub):
                        nested.setdefault(_norm_key(sub), _text(item, budget))
    except (_TooBig, RecursionError):
        return None
    return {**nested, **meta}


def _yaml_front_matter(block: str) -> dict[str, str] | None:
    """YAML front matter read with PyYAML, every scalar kept as the text written (PyYAML's
    `BaseLoader`: "2015-05-18" stays that string, "no" is not False); None when it is not a
    mapping of header-like keys or does not parse."""
    import yaml

    try:
        # BaseLoader builds no objects
        data = yaml.load(block, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return _flatten(data, strict=True)


def _toml_front_matter(block: str) -> dict[str, str] | None:
    """Hugo's TOML front matter read with `tomllib`; None when it does not parse."""
    import tomllib

    try:
        data = tomllib.loads(block)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return _flatten(data, strict=False) if data else None


def _hand_front_matter(lines: list[str]) -> dict[str, str] | None:
    """The lines of a block PyYAML refuses, read line by line as `key: value`, `- item` and
    indented continuations (scraped front matter is often not valid YAML: `title: Mali: talks`);
    None when a line is none of those."""
    meta: dict[str, str] = {}
    last_key = ""
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM.match(line)
        if item and last_key:
            value = _unquote(item[1])
            meta[last_key] = f"{meta[last_key]}, {value}" if meta.get(last_key) else value
            continue
        header = _header_line(line)
        if header is None:
            if line[:1].isspace() and last_key:  # folded continuation of the previous value
                meta[last_key] = f"{meta[last_key]} {line.strip()}".strip()
                continue
            return None
        last_key = _norm_key(header[0])
        meta.setdefault(last_key, _unquote(header[1]))
    return meta


_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
"""The line that opens front matter, and the lines that may close it: YAML, Hugo's TOML."""


_RAW_SEARCH = 100
"""How far past a block's place in the cleaned lines its raw lines are looked for (cleaning drops
the blank lines a file starts with, and may split a line at a Unicode line separator)."""


def _indented(block: list[str], start: int, raw: list[str]) -> list[str]:
    """`block` with the indentation its lines had before cleaning trimmed them (YAML nests by
    indentation), taken from the run of `raw` lines that cleans to exactly `block`; `block` as
    it is when there is no such run."""
    from .cleaning import clean_text

    if not block or not any(line[:1].isspace() for line in raw[: start + _RAW_SEARCH + len(block)]):
        return block
    for r in range(min(len(raw) - len(block), start + _RAW_SEARCH) + 1):
        run = raw[r : r + len(block)]
        if run[0].strip() == block[0] and [clean_text(line) for line in run] == block:
            return [line[: len(line) - len(line.lstrip())].replace("\t", "  ") + cleaned
                    for line, cleaned in zip(run, block, strict=True)]
    return block


def _front_matter(lines: list[str], start: int, meta: dict[str, str], raw: list[str]) -> int | None:
    """Read the front matter opening at `start` into `meta`; the index after it, or None if it is
    not front matter (then `meta` is left as it was: a `---` rule is only a rule). `raw` are the
    file's lines before cleaning, for the block's indentation."""
    closers = _FENCES[lines[start].strip()]
    for end in range(start + 1, min(len(lines), start + 200)):
        if lines[end].strip() in closers:
            break
    else:
        return None
    block = _indented(lines[start + 1 : end], start + 1, raw)
    if closers == ("+++",):
        found = _toml_front_matter("\n".join(block))
    else:
        found = _yaml_front_matter("\n".join(block))
        if found is None:
            found = _hand_front_matter(block)
    if found is None:
        return None
    for key, value in found.items():
        meta.setdefault(key, value)
    return end + 1


def _headline_over_headers(lines: list[str], i: int) -> bool:
    """Whether line `i` is a headline with header lines of known keys right under it: a short
    line that is no header of a known key and ends no sentence, over a known `Key: value`."""
    line = lines[i].strip()
    header = _header_line(line)
    if header is not None and _norm_key(header[0]) in _KNOWN_KEYS:
        return False
    if i + 1 >= len(lines) or len(line.split()) > _HEADLINE_WORDS or line.endswith((".", ",", ";")):
        return False
    below = _header_line(lines[i + 1])
    return below is not None and _norm_key(below[0]) in _KNOWN_KEYS and bool(below[1])


_HEADLINE_WORDS = 30
"""Words a headline above header lines may have (a longer line is body text)."""


def leading_metadata(lines: list[str], raw: list[str] | None = None) -> tuple[dict[str, str], int]:
    """Metadata at the top of the file and the index of the first body line. `lines` are the
    cleaned lines; `raw` the lines before cleaning, which give front matter its indentation.

    Header lines come in groups separated by blank lines. A known key ("Title", "Src", ...)
    is always metadata; an unknown capitalised key only inside a run of two or more header
    lines, so a first line like "Goldsmith: 'I was not leant on'" stays a headline.
    """
    meta: dict[str, str] = {}
    i, n = 0, len(lines)
    front_done = False
    while True:
        while i < n and not lines[i].strip():
            i += 1
        if i >= n:
            return meta, n
        if not front_done and lines[i].strip() in _FENCES:
            front_done = True
            after = _front_matter(lines, i, meta, raw or [])
            if after is None:
                return meta, i
            i = after
            continue
        if not meta and _headline_over_headers(lines, i):
            # "Soldiers seize power\nPublished: 2025-11-27\nSource: https://...": a scraper's
            # headline above its header lines is the title, and the headers still count.
            meta["title"] = lines[i].strip()
            i += 1
            continue
        run: list[tuple[str, str]] = []
        j = i
        while j < n and lines[j].strip() and (header := _header_line(lines[j])) is not None:
            run.append(header)
            j += 1
        accepted = 0
        for key, value in run:
            known = _norm_key(key) in _KNOWN_KEYS
            if not (known or (len(run) >= 2 and key[0].isupper())):
                break
            meta.setdefault(_norm_key(key), value)
            accepted += 1
        if accepted == 0:
            return meta, i
        i += accepted
        if accepted < len(run) or (i < n and lines[i].strip()):
            return meta, i
