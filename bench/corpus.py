"""The benchmark's articles: corpora recombined from real paragraphs, and one long made-up article."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import BASE_MTIME, GENERATOR_VERSION, SKIPPED_NAMES


@dataclass(frozen=True)
class Source:
    """A real article to borrow paragraphs from."""

    group: str
    """The story it belongs to (its folder): most borrowed paragraphs stay within the story."""
    outlet: str
    """Outlet as a file-name slug ("bbc-news"), so the reader finds an outlet for each file."""
    title: str
    paragraphs: tuple[str, ...]


def source_files(roots: Sequence[Path]) -> list[Path]:
    """The `*.txt` articles directly in each root and in its subfolders (answer keys skipped)."""
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            found = sorted(root.glob("*.txt")) + sorted(root.glob("*/*.txt"))
            files += [p for p in found if p.name.lower() not in SKIPPED_NAMES]
    return files


def load_sources(roots: Sequence[Path]) -> list[Source]:
    """Read and clean the source articles; identical ones are kept once."""
    from sitrep.reader import BadFileError, read_article

    seen: set[tuple[str, ...]] = set()
    sources: list[Source] = []
    for path in source_files(roots):
        try:
            article = read_article(path, path.parent)
        except BadFileError:
            continue
        key = tuple(article.paragraphs)
        if key in seen:
            continue
        seen.add(key)
        slug = "-".join("".join(c if c.isalnum() else " " for c in article.outlet.lower()).split()) or "news"
        title = article.title or article.paragraphs[0][:80]
        sources.append(Source(path.parent.name, slug, title, key))
    if not sources:
        raise SystemExit(f"bench: no source articles under {', '.join(map(str, roots))}")
    return sources


def sources_digest(sources: Sequence[Source]) -> str:
    """A short hash of the sources, so a corpus built from other sources is rebuilt."""
    h = hashlib.sha256()
    for source in sources:
        h.update(json.dumps([source.group, source.outlet, source.title, source.paragraphs]).encode())
    return h.hexdigest()[:12]


class CorpusMaker:
    """Deterministic articles recombined from real paragraphs (seeded per article)."""

    def __init__(self, sources: Sequence[Source], seed: int) -> None:
        self.sources = list(sources)
        self.seed = seed
        self.by_group: dict[str, list[str]] = {}
        for source in self.sources:
            self.by_group.setdefault(source.group, []).extend(source.paragraphs)
        self.everything = [p for s in self.sources for p in s.paragraphs]

    def article(self, index: int, variant: int = 0) -> tuple[str, str]:
        """File name and text of article `index`: a story's title and lead, then 2-8 paragraphs,
        seven in ten from the same story and the rest from any."""
        rng = random.Random(f"{self.seed}:{index}:{variant}")
        story = rng.choice(self.sources)
        want = rng.randint(3, 9)
        chosen = [story.paragraphs[0]]
        same = self.by_group[story.group]
        for _ in range(want * 6):
            if len(chosen) >= want:
                break
            paragraph = rng.choice(same if rng.random() < 0.7 else self.everything)
            if paragraph not in chosen:
                chosen.append(paragraph)
        text = story.title + "\n\n" + "\n\n".join(chosen) + "\n"
        return f"{index:05d}-{story.outlet}.txt", text

    def articles(self, count: int) -> list[tuple[str, str]]:
        """The first `count` articles, each distinct from the ones before it."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for index in range(count):
            for variant in range(50):
                name, text = self.article(index, variant)
                digest = hashlib.sha1(text.encode()).hexdigest()
                if digest not in seen:
                    break
            seen.add(digest)
            out.append((name, text))
        return out


def build_corpus(size: int, corpora: Path, maker: CorpusMaker, digest: str) -> Path:
    """The folder of `size` generated articles, written unless an identical one is there."""
    wanted = {"size": size, "seed": maker.seed, "generator": GENERATOR_VERSION, "sources": digest}
    return write_once(corpora / f"n{size}-seed{maker.seed}", wanted, lambda: maker.articles(size))


def write_once(folder: Path, wanted: dict[str, object],
               articles: Callable[[], Iterable[tuple[str, str]]]) -> Path:
    """`folder` holding the (name, text) `articles()` make, article i with mtime BASE_MTIME + i,
    written afresh unless its manifest (`.bench.json`) already says `wanted`."""
    manifest = folder / ".bench.json"
    try:
        if json.loads(manifest.read_text()) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for index, (name, text) in enumerate(articles()):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, (BASE_MTIME + index, BASE_MTIME + index))
    manifest.write_text(json.dumps(wanted))
    return folder


def corpus_words(folder: Path) -> tuple[int, int]:
    """Articles and words in a corpus as the reader sees them."""
    from sitrep.reader import scan

    articles = scan(folder).articles
    return len(articles), sum(a.words for a in articles)


# One long article, for `--long-article`: written here rather than recombined from real ones, so
# that its size can be set to the character and its sentences keep the features (titles before
# names, appositions, coordinated names, agencies, places) that cost sitrep time per mention.
_FIRST = ("Amadou", "Fatima", "Ibrahim", "Mariam", "Oumar", "Aissata", "Moussa", "Salif", "Kadiatou",
          "Boubacar", "Hawa", "Seydou", "Aminata", "Tiemoko", "Rokia", "Bakary")
_LAST = ("Diallo", "Keita", "Traore", "Coulibaly", "Sangare", "Toure", "Konate", "Sidibe", "Maiga", "Cisse",
         "Dembele", "Sissoko", "Kone", "Doumbia", "Ballo", "Tangara")
_TOWNS = ("Mopti", "Gao", "Kidal", "Segou", "Sikasso", "Kayes", "Timbuktu", "Menaka")
_BODIES = ("Patriotic Front for Renewal", "National Union of Teachers", "Council of Elders",
           "Movement for Unity and Justice", "Sahel Relief Alliance")
_PARAGRAPHS = (
    ("Interior Minister {a} said on {day} that security forces had detained {n} people in {town} after "
     "a night of clashes between rival groups. Former Prime Ministers {b} and {c} called for calm, warning "
     "that the dispute over the results could spill into the streets of the capital."),
    ("{d}, a spokesman for the {body}, told reporters that the group had played no part in the attack on "
     "the convoy near {town}. According to the AFP news agency, at least {n} soldiers were killed when "
     "their vehicle struck a mine on the road north of the town."),
    ("General {e} denied the reports on {day}, saying the army remained in full control of the northern "
     "districts. Residents of {town} described hearing gunfire for several hours before police "
     "reinforcements arrived."),
    ("The United Nations said {n} families had fled their homes since the fighting began. Opposition "
     "leader {a} accused the government of using the unrest to delay the vote, a charge that {e_last} "
     "rejected."),
    ("In a statement on {day}, the {body} said it would send observers to {town} and urged the "
     "authorities to free those held without charge. Colonel {c}, who commands the garrison, did not "
     "answer calls from journalists."),
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_article(chars: int, seed: int = 7) -> str:
    """A made-up news article of about `chars` characters (whole paragraphs, never fewer than
    `chars`): a headline, then the paragraphs above in turn, each with names, places and figures
    drawn from a seeded RNG so that no two paragraphs repeat (the reader drops repeated ones)."""
    rng = random.Random(f"long-article:{seed}")
    parts = ["Clashes in the North as Talks on the Election Results Stall", ""]
    size = len(parts[0]) + 1
    index = 0

    def person() -> str:
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"

    while size < chars:
        e = person()
        paragraph = _PARAGRAPHS[index % len(_PARAGRAPHS)].format(
            a=person(), b=person(), c=person(), d=person(), e=e, e_last=e.split()[1],
            body=rng.choice(_BODIES), town=rng.choice(_TOWNS), day=rng.choice(_DAYS),
            n=rng.randint(3, 900) + index * 1000)
        parts += [paragraph, ""]
        size += len(paragraph) + 2
        index += 1
    return "\n".join(parts)
