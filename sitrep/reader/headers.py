"""Leading metadata: YAML front matter and `Key: value` header lines at the top of a file."""

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


def _front_matter(lines: list[str], start: int, meta: dict[str, str]) -> int | None:
    """Parse YAML front matter opening at `start`; the index after it, or None if it is not one."""
    for end in range(start + 1, min(len(lines), start + 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return None
    last_key = ""
    for line in lines[start + 1 : end]:
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
    return end + 1


def leading_metadata(lines: list[str]) -> tuple[dict[str, str], int]:
    """Metadata at the top of the file and the index of the first body line.

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
        if not front_done and lines[i].strip() == "---":
            front_done = True
            after = _front_matter(lines, i, meta)
            if after is None:
                return meta, i
            i = after
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
