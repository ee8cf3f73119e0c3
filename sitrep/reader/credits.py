"""Trailing credit lines ("Source: ...", "Via ...") and link sections ("Related", "Sources") at the end."""

from __future__ import annotations

import re

from .markdown import LIST_MARK, MD_LINK, URL, inline_markdown

_CREDIT_LINE = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:sources?|credits?|via|copyright)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<v>\S.*)$",
    re.IGNORECASE,
)


_CREDIT_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:sources?|credits?|via)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$", re.IGNORECASE
)


_RELATED_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:related(?: articles| stories| coverage| links| content)?|see also|"
    r"read more|more on this story|further reading|references|links)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$",
    re.IGNORECASE,
)


def _link_section_lines(lines: list[str]) -> bool:
    """Whether every non-blank line is a list item, a markdown link or a bare URL."""
    body = [ln.strip() for ln in lines if ln.strip()]
    if not body or len(body) > 40:
        return False
    for line in body:
        rest = LIST_MARK.sub("", line)
        if MD_LINK.fullmatch(rest) or URL.fullmatch(rest.strip("<>")):
            continue
        if LIST_MARK.match(line) and len(rest.split()) <= 8:
            continue
        return False
    return True


def trailing_credit(lines: list[str], meta: dict[str, str]) -> list[str]:
    """Remove trailing credit lines and link sections, storing them in `meta`."""
    credits: list[str] = []
    urls: list[str] = []
    for _ in range(6):
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        lines = lines[:end]
        if not lines:
            break
        last = lines[-1].strip()
        m = _CREDIT_LINE.match(last)
        if m and not _CREDIT_HEADING.match(last):
            value = inline_markdown(m["v"], set()).strip()
            words = value.split()
            if value and len(words) <= 8 and not (value.endswith((".", "!", "?")) and len(words) > 3):
                credits.insert(0, value.rstrip("."))
                urls[:0] = URL.findall(m["v"])
                lines = lines[:-1]
                continue
        start = max(0, len(lines) - 42)
        for k in range(len(lines) - 2, start - 1, -1):
            head = lines[k].strip()
            credit = _CREDIT_HEADING.match(head)
            if credit or _RELATED_HEADING.match(head):
                section = lines[k + 1 :]
                if not _link_section_lines(section):
                    break
                if credit:
                    for line in section:
                        rest = LIST_MARK.sub("", line.strip())
                        urls.extend(URL.findall(rest))
                        text = inline_markdown(rest, set()).strip()
                        if text:
                            credits.append(text)
                lines = lines[:k]
                break
        else:
            break
        if len(lines) == end:
            break
    if credits:
        meta["credit"] = ", ".join(dict.fromkeys(credits))
    if urls:
        meta["credit_urls"] = " ".join(dict.fromkeys(urls))
    return lines
