"""Boilerplate in the body: share bars, credits, photo-caption labels and wire datelines."""

from __future__ import annotations

import re

from .cleaning import collapse_spaces
from .duplicates import clean_fingerprint

_CAPTION = re.compile(r"^(?P<label>[^\W\d_][\w'’&-]*(?: [\w'’&-]+){0,2}):[ ]*(?=[\"'“‘«A-Z])")


_SPEECH_WORDS = {
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "asked", "asks", "wrote", "writes",
    "stated", "states", "explained", "warned", "warns", "insisted", "insists", "declared", "replied",
    "continued", "concluded", "announced", "claimed", "claims", "noted", "argued", "according", "tweeted",
    "posted", "commented", "responded", "answered", "recalled", "joked", "quipped", "urged", "explains",
}


_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}


_BOILERPLATE = {
    "advertisement", "advertising", "share this article", "share this", "share", "continue reading",
    "read more", "click to expand", "scroll to continue", "story continues below advertisement",
}


# Scraper furniture that is never story text: credits, share bars, "Related:" teasers, copyright.
_NOISE_LINE = re.compile(
    r"^(?:(?:photograph|photo|image|picture|video|credit|source image)s?\s*:\s*\S.{0,80}"
    r"|(?:related|read more|see also|more on this story|watch)\s*:.{0,160}"
    r"|share (?:on|via) \w+(?: share (?:on|via) \w+)*"
    r"|share:? [“\"][^”\"]{1,200}[”\"]"  # a share button's copy of the headline
    r"|(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?.{0,120}(?:all rights reserved\.?)?)$",
    re.IGNORECASE,
)


# "The opposition leader (pictured) was flown to Berlin", "(Vladimir Putin pictured)", "(pictured,
# left, with his wife)", "Abubakar Shekau (centre)", "(file photo)": a tabloid's pointer to the photo
# beside the text, not a part of the story (a name in it would count as a mention, and it lands in
# every quote of the sentence).
_PHOTO_POINTER = re.compile(
    r" ?\((?:(?=[^()]{0,300}?\bpictured\b)[^()]{0,300}"
    r"|(?:(?:far|second|third|top|bottom|front|back|from) )*"
    r"(?:left|right|centre|center|above|below|inset|top)"
    r"|(?:file|stock) (?:photo|picture|image))\)",
    re.IGNORECASE,
)


def _strip_caption_label(paragraph: str) -> str:
    """ "Take over: Soldiers announced..." -> "Soldiers announced..."; "Mr Sukul said: ..." untouched."""
    m = _CAPTION.match(paragraph)
    if m is None:
        return paragraph
    words = m["label"].lower().split()
    rest = paragraph[m.end() :]
    if words[0].rstrip(".") in _HONORIFICS or any(w in _SPEECH_WORDS for w in words) or len(rest.split()) < 3:
        return paragraph
    return rest


# "In this file photo taken on November 12, 2019 ...", "In this undated image, ...": a photo's
# caption, telling what a picture (often an old one) shows, not the news.
_CAPTION_PARAGRAPH = re.compile(
    r"^In (?:this|these|an?) (?:(?:undated|handout|file|archive|archival|aerial|satellite|recent) )*"
    r"(?:photo(?:graph)?|image|picture|pic|video (?:grab|still)|screen ?(?:grab|shot)|frame grab)s?(?![\w-])",
    re.IGNORECASE,
)


# "Agence France-Presse is an international news agency headquartered in Paris, France.": a
# publisher's blurb about the agency whose copy it ran, not the story.
_AGENCY_BLURB = re.compile(
    r"^[A-Z][\w.&'’ -]{1,60} is (?:an?|the) (?:[\w'’-]+ ){0,4}(?:news agency|wire service|news service)"
    r"(?: (?:based|headquartered) in [^.]{1,60})?\.?$"
)


_AGENCIES = r"(?:[A-Z]{2,6}|Reuters|Getty Images|Xinhua|Sputnik|Anadolu|Bloomberg|Shutterstock|Pool|File)"
# "... Diendéré was there. Photograph: Sia Kambou/AFP/Getty Images", "Defense Minister Vladimir
# Padrino Lopez Valery Sharifulin/TASS": a photographer's credit at the end of a caption, whose
# name would be read as part of the name before it.
_TRAILING_CREDIT = re.compile(
    r"(?:\s*(?:Photograph|Photo|Picture|Image)s?:\s*[^.:]{1,80}"
    rf"|\s+[A-Z][\w'’-]+ [A-Z][\w'’-]+/{_AGENCIES}(?:/{_AGENCIES})*)$"
)
# "Sia Kambou, AFP | General Gilbert Diendéré in July 2014": a credit, then the caption.
_CREDIT_FIRST = re.compile(rf"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{1,2}}, {_AGENCIES}(?:/{_AGENCIES})* \| ")


def clean_paragraphs(paragraphs: list[tuple[str, bool]], title_fp: str) -> tuple[list[str], int]:
    """Caption labels and photo pointers stripped, empty and boilerplate paragraphs dropped, title
    repeats counted."""
    out: list[str] = []
    repeats = 0
    for paragraph, prose in paragraphs:
        paragraph = collapse_spaces(paragraph).strip()
        if not any(c.isalnum() for c in paragraph):
            continue
        if paragraph.lower().rstrip(".:!") in _BOILERPLATE or _NOISE_LINE.match(paragraph) \
                or _CAPTION_PARAGRAPH.match(paragraph) or _AGENCY_BLURB.match(paragraph) \
                or _CREDIT_FIRST.match(paragraph):
            continue
        if "/" in paragraph or ":" in paragraph:
            for _credit in range(3):  # a caption may carry more than one ("... A/AFP B/EPA")
                paragraph, found = _TRAILING_CREDIT.subn("", paragraph)
                if not found:
                    break
        if clean_fingerprint(paragraph) == title_fp:
            repeats += 1
            continue
        if prose:
            paragraph = _strip_caption_label(_PHOTO_POINTER.sub("", paragraph)).strip()
            if not any(c.isalnum() for c in paragraph):
                continue
        out.append(paragraph)
    return out, repeats


# "KHARTOUM, March 12 (Reuters) - ", "BAMAKO, Mali (AP) — ": the wire dateline before the story.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})"
    r"(?:, (?:[A-Z][a-z]+\.?)(?: [A-Z][a-z]+)?(?: \d{1,2})?)?"  # ", Mali", ", Sri Lanka", ", March 12"
    r"(?:, \d{4})?(?:,? ?\((?P<agency>[^)]{2,40})\))? ?[-–—:]+ (?=\S)"  # "ALMATY, (Reuters) –"
)
# "Colombo/Singapore, Jul 14 (PTI) Sri Lankan President ...", "Lima, December 28 (RHC)-- In Peru":
# a place, a day and an agency's capitals in brackets, with or without a dash after them.
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ /][A-Z][a-z]+){0,2}), [A-Z][a-z]{2,8}\.? \d{1,2} "
    r"\((?P<agency>[A-Z]{2,6})\)(?: |\s*[-–—]+\s*)(?=[A-Z])"
)


# "May 26, 2014Ruritania's King ...": a page's date line run into the story's first word.
_GLUED_DATE = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}(?=[A-Z])")


# "(BBC) Former President ...", "(AFP) - The army ...": a credit in brackets before the story.
_AGENCY_FIRST = re.compile(r"^\((?P<agency>[A-Z][A-Za-z]{1,11})\)\s*(?:[-–—]\s*)?(?=[A-Z\"“])")


def strip_dateline(paragraph: str, meta: dict[str, str]) -> str:
    """The paragraph without a wire dateline (kept in the metadata as "dateline" and "agency"),
    or a date run into its first word."""
    glued = _GLUED_DATE.match(paragraph)
    if glued:
        return paragraph[glued.end():]
    credit = _AGENCY_FIRST.match(paragraph)
    if credit:
        meta.setdefault("dateline_agency", credit["agency"])
        return paragraph[credit.end():]
    match = _DATELINE.match(paragraph) or _AGENCY_DATELINE.match(paragraph)
    if not match or len(match["place"]) < 3:
        return paragraph
    meta.setdefault("dateline", match["place"].title())
    if match["agency"]:
        meta.setdefault("dateline_agency", match["agency"])
    return paragraph[match.end():]
