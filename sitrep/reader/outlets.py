"""Which outlet published an article: from its metadata, credits, file name or dateline (`outlets.json`)."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .markdown import URL, URL_HOST

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Outlets:
    """The outlet table from `outlets.json`, compiled for lookups."""

    names: re.Pattern[str] | None
    by_name: dict[str, str]
    domains: dict[str, str]
    tokens: dict[str, str]


@cache
def _outlets() -> _Outlets:
    """Load `outlets.json` once (an empty table, with a warning, if it is missing or broken)."""
    try:
        data = json.loads(resources.files("sitrep").joinpath("outlets.json").read_text("utf-8"))
        entries = data["outlets"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("outlet table unavailable: %s", exc)
        entries = []
    by_name: dict[str, str] = {}
    domains: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for entry in entries:
        for name in entry.get("names", []):
            by_name.setdefault(name, entry["name"])
        for domain in entry.get("domains", []):
            domains.setdefault(domain.lower(), entry["name"])
        for token in entry.get("tokens", []):
            tokens.setdefault(token.lower(), entry["name"])
    names = None
    if by_name:
        alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
        names = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])")
    return _Outlets(names, by_name, domains, tokens)


def _outlet_from_host(host: str) -> str | None:
    table = _outlets()
    host = host.lower().rstrip(".")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.domains.get(".".join(parts[i:]))
        if name:
            return name
    return None


def _outlet_from_hosts(text: str) -> str | None:
    for m in URL_HOST.finditer(text):
        name = _outlet_from_host(m[1])
        if name:
            return name
    return None


def _outlet_from_names(text: str) -> str | None:
    """The outlet named earliest in prose (URLs and path-like tokens ignored)."""
    table = _outlets()
    if table.names is None:
        return None
    prose = " ".join(t for t in URL.sub(" ", text).split() if "/" not in t and "\\" not in t)
    m = table.names.search(prose)
    return table.by_name[m[0]] if m else None


def _outlet_from_tokens(text: str) -> str | None:
    """An outlet whose token is a word (or two joined words) of `text`: "bbc_politics_251"."""
    table = _outlets()
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    for i, word in enumerate(words):
        for candidate in (word, word + words[i + 1] if i + 1 < len(words) else ""):
            if candidate in table.tokens:
                return table.tokens[candidate]
    return None


_OUTLET_KEYS = ("outlet", "publisher", "publication", "site_name", "sitename", "site", "newspaper")


_SOURCE_KEYS = ("original", "original_url", "canonical", "url", "link", "src", "source", "sources", "via",
                "permalink", "copyright", "tags", "tag", "category", "categories")


_IGNORED_HOSTS = ("github.com", "githubusercontent.com", "gitlab.com", "bitbucket.org", "archive.org",
                  "archive.ph", "archive.today", "google.com", "t.co", "bit.ly")


def find_outlet(meta: dict[str, str], stem: str) -> str:
    """The outlet: from metadata, else the credit line, else the file name, else ""."""
    for key in _OUTLET_KEYS:
        value = meta.get(key, "")
        if value:
            found = _outlet_from_hosts(value) or _outlet_from_names(value) or _outlet_from_tokens(value)
            if found:
                return found
            if len(value.split()) <= 6 and not URL.search(value):
                return value
    source_values = [meta[k] for k in _SOURCE_KEYS if meta.get(k)]
    for value in source_values:
        for m in URL_HOST.finditer(value):
            host = m[1].lower()
            if not _ignored_host(host):
                found = _outlet_from_host(host)
                if found:
                    return found
    for value in source_values:
        found = _outlet_from_names(value)
        if found:
            return found
    for key in ("tags", "tag", "category", "categories"):
        found = _outlet_from_tokens(meta.get(key, ""))
        if found:
            return found
    credit = meta.get("credit", "")
    if credit:
        found = (_outlet_from_names(credit) or _outlet_from_hosts(meta.get("credit_urls", ""))
                 or _outlet_from_tokens(credit))
        if found:
            return found
        if len(credit.split()) <= 4:
            return credit
    # "Source: https://www.example-news.ng/...": a site the table does not know is still a
    # site, and it says the story is not the one a word of the file name would name
    host = _unknown_host(source_values)
    found = _outlet_from_tokens(stem) if not host else None
    if found:
        return found
    agency = meta.get("dateline_agency", "")
    if agency:  # "NIAMEY (AP) —": the wire the story comes from
        return _outlet_from_names(agency) or _outlet_from_tokens(agency) or agency
    if host:
        return host
    # "Source: Example Wire": an outlet the table does not know is still the outlet.
    for value in source_values:
        plain = value.strip()
        if (plain and len(plain.split()) <= 5 and not URL.search(plain) and "/" not in plain
                and "\\" not in plain):
            return plain
    return ""


def _ignored_host(host: str) -> bool:
    """Whether a host is a code host, an archive or a link shortener, never an article's outlet."""
    return any(host == h or host.endswith("." + h) for h in _IGNORED_HOSTS)


def _unknown_host(values: list[str]) -> str:
    """The first web site the source lines link to that the table does not know (and that is no
    code host, archive or link shortener), without "www."; "" when there is none."""
    for value in values:
        for m in URL_HOST.finditer(value):
            host = m[1].lower().rstrip(".")
            if "." in host and not _ignored_host(host):
                return host.removeprefix("www.")
    return ""


def strip_outlet_suffix(title: str) -> str:
    """ "Soldiers arrested | Al Jazeera" -> "Soldiers arrested" (only for a known outlet name)."""
    head, sep, tail = title.rpartition(" | ")
    if not sep:
        head, sep, tail = title.rpartition(" - ")
    table = _outlets()
    if sep and head.strip() and table.names is not None and table.names.fullmatch(tail.strip()):
        return head.strip()
    return title.strip()
