"""The demo site's articles: one fixed, deterministic sequence per seed, oldest first.

Article ``i`` depends only on the seed and on articles ``< i``, so showing more articles adds newer
ones without changing older ones. Dates are computed, never read from the clock.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from newscrawl.demo import words as w

MAX_ARTICLES = 1000
MIN_ARTICLES = 10
_FIRST = datetime(2025, 6, 1, 6, 0)
_STEP = timedelta(minutes=744)  # 1,000 articles fit between 2025-06-01 and 2026-10-31

# How a date is shown. "time-*" styles use <time datetime>; the others are text only.
DATE_STYLES = ("time-offset", "time-day", "day", "us", "dotted", "iso", "rfc", "utc")
# Byline forms, each with an unambiguous list of credited names.
BYLINE_FORMS = ("one", "two", "three", "role", "agency", "two-agency", "agency-only")


@dataclass(frozen=True)
class Author:
    name: str
    slug: str
    section: str
    role: str
    bio: str


@dataclass(frozen=True)
class Block:
    """One paragraph or subheading of the body: ``text`` is the plain text, ``html`` its inner markup."""

    tag: str
    text: str
    html: str


@dataclass(frozen=True)
class Comment:
    handle: str
    text: str
    minutes_after: int


@dataclass(frozen=True)
class Article:
    id: int
    section: str
    headline: str
    slug: str
    description: str
    blocks: tuple[Block, ...]
    read_also_after: int
    read_also_id: int
    newsletter_after: int | None
    ad_after: int
    byline_form: str
    authors: tuple[Author, ...]
    agency: str | None
    published: datetime
    modified: datetime | None
    edited_modified: datetime
    date_style: str
    tags: tuple[str, ...]
    image_caption: str
    photographer: str
    related_ids: tuple[int, ...]
    has_jsonld: bool
    has_og_dates: bool
    comments: tuple[Comment, ...]
    correction: str

    @property
    def path(self) -> str:
        return f"/{self.section}/{self.published:%Y}/{self.published:%m}/{self.slug}/"

    @property
    def image_path(self) -> str:
        return f"/media/{self.published:%Y}/{self.published:%m}/{self.slug}.svg"

    @property
    def credited(self) -> list[str]:
        names = [a.name for a in self.authors]
        return [*names, self.agency] if self.agency else names


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def site_offset(day: datetime) -> timezone:
    """The site's zone: +02:00 from April to October, +01:00 otherwise."""
    return timezone(timedelta(hours=2 if 4 <= day.month <= 10 else 1))


@lru_cache(maxsize=4)
def authors_pool(seed: int) -> tuple[Author, ...]:
    rng = random.Random(f"newscrawl-demo-authors:{seed}")
    firsts = list(w.FIRST_NAMES)
    lasts = list(w.LAST_NAMES)
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    pool = []
    for i, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        section = list(w.SECTIONS)[i % len(w.SECTIONS)]
        name = f"{first} {last}"
        role = w.ROLES[section][i // len(w.SECTIONS) % len(w.ROLES[section])]
        beat = rng.choice(w.BEATS[section])
        paper = rng.choice(w.PREVIOUS_PAPERS)
        years = rng.randint(3, 19)
        bio = (
            f"{name} is the Ledger's {role.lower()}, covering {beat}. "
            f"Before joining in {2025 - years}, {first} worked for {paper}."
        )
        pool.append(Author(name=name, slug=slugify(name), section=section, role=role, bio=bio))
    return tuple(pool)


@lru_cache(maxsize=4)
def article_sequence(seed: int) -> tuple[Article, ...]:
    """Every article the demo site can show, oldest first."""
    pool = authors_pool(seed)
    articles: list[Article] = []
    headlines: set[str] = set()
    slugs: set[str] = set()
    for i in range(MAX_ARTICLES):
        articles.append(_article(seed, i, pool, articles, headlines, slugs))
    return tuple(articles)


class _Filler:
    """Fills ``{slot}`` templates with names from the word lists, for one article."""

    def __init__(self, rng: random.Random, section: str) -> None:
        self.rng = rng
        self.section = section
        self.country = rng.choice(w.COUNTRIES)
        self.city = rng.choice(w.CITIES)
        self.topic = rng.choice(w.TOPICS[section])

    def __call__(self, template: str) -> str:
        text = self.sub(template)
        return text[0].upper() + text[1:]

    def sub(self, template: str) -> str:
        rng = self.rng

        def slot(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == "topic":
                return self.topic
            if name == "ref":
                return rng.choice((self.topic, self.topic, "the issue", "the plan", "the question", "the project"))
            if name == "country":
                return self.country
            if name == "country2":
                return rng.choice([c for c in w.COUNTRIES if c != self.country])
            if name == "city":
                return self.city
            if name == "city2":
                return rng.choice([c for c in w.CITIES if c != self.city])
            if name == "place":
                return rng.choice((self.city, self.country, self.city))
            if name == "region":
                return rng.choice(w.REGIONS)
            if name == "company":
                return rng.choice(w.COMPANIES)
            if name == "company2":
                return rng.choice(w.COMPANIES[::-1])
            if name == "institute":
                return rng.choice(w.INSTITUTES)
            if name == "venue":
                return rng.choice(w.VENUES)
            if name == "org":
                return rng.choice((*w.INSTITUTES, *w.COMPANIES, *w.VENUES))
            if name == "person":
                who = f"{rng.choice(w.FIRST_NAMES)} {rng.choice(w.LAST_NAMES)}"
                return f"{who}, {self.sub(rng.choice(w.PERSON_DESCRIPTIONS))}\x00"
            if name == "mood":
                return rng.choice(w.MOODS)
            if name == "period":
                return rng.choice(w.PERIODS)
            if name == "weekday":
                return rng.choice(w.WEEKDAYS)
            if name == "number":
                return str(rng.choice((2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 18, 20, 25, 30, 40)))
            raise KeyError(name)

        text = re.sub(r"\{(\w+)\}", slot, template)
        return re.sub("\x00(?=[,.”])", "", text).replace("\x00", ",")  # "{person}," before punctuation


def _daytime(local: datetime) -> datetime:
    """Nothing is published between midnight and 6:00 (so "12:05 AM" never has to be shown)."""
    return local + timedelta(hours=6) if local.hour < 6 else local


def _later(dt: datetime, minutes: int) -> datetime:
    local = _daytime(dt.replace(tzinfo=None) + timedelta(minutes=minutes))
    return local.replace(tzinfo=site_offset(local))


def _article(
    seed: int, i: int, pool: tuple[Author, ...], older: list[Article], headlines: set[str], slugs: set[str]
) -> Article:
    rng = random.Random(f"newscrawl-demo-article:{seed}:{i}")
    section = rng.choice(list(w.SECTIONS))
    fill = _Filler(rng, section)
    headline = fill(rng.choice(w.HEADLINES[section]))
    while headline in headlines or slugify(headline) in slugs:
        fill = _Filler(rng, section)
        headline = fill(rng.choice(w.HEADLINES[section]))
    headlines.add(headline)
    slugs.add(slugify(headline))

    local = _daytime(_FIRST + i * _STEP + timedelta(minutes=rng.randrange(0, 900, 5)))
    published = local.replace(tzinfo=site_offset(local))
    modified = _later(published, rng.randrange(26 * 60, 80 * 60, 5)) if rng.random() < 0.3 else None
    edited_modified = _later(modified or published, rng.randrange(24 * 60, 48 * 60, 5))

    blocks = _body(rng, fill)
    paragraphs = [n for n, b in enumerate(blocks) if b.tag == "p"]
    read_also_after = rng.choice(paragraphs[1:-1])
    ad_after = rng.choice(paragraphs[:3])
    newsletter_after = rng.choice(paragraphs[2:-1]) if rng.random() < 0.6 else None

    byline_form = BYLINE_FORMS[rng.randrange(len(BYLINE_FORMS))]
    same_desk = [a for a in pool if a.section == section]
    n_people = {"one": 1, "role": 1, "agency": 1, "two": 2, "two-agency": 2, "three": 3}
    people = rng.sample(same_desk, 1) + rng.sample([a for a in pool if a not in same_desk], 2)
    authors = tuple(people[: n_people.get(byline_form, 0)])
    agency = rng.choice(w.AGENCIES) if "agency" in byline_form else None

    section_tags = list(w.TAGS[section])
    tags = tuple(rng.sample(section_tags, rng.randint(2, 4)))

    candidates = [a.id for a in older if a.section == section][-30:]
    if len(candidates) < 5:
        candidates = [j for j in range(max(i, 8)) if j != i]
    related_ids = tuple(rng.sample(candidates, rng.randint(3, 4)))
    read_also_id = rng.choice([j for j in candidates if j not in related_ids] or candidates)

    comments = tuple(
        sorted(
            (
                Comment(rng.choice(w.COMMENT_HANDLES), fill(rng.choice(w.COMMENTS)), rng.randrange(20, 3000, 7))
                for _ in range(rng.randint(2, 5))
            ),
            key=lambda c: c.minutes_after,
        )
    )
    return Article(
        id=i,
        section=section,
        headline=headline,
        slug=slugify(headline),
        description=fill(rng.choice(w.STANDFIRSTS)),
        blocks=blocks,
        read_also_after=read_also_after,
        read_also_id=read_also_id,
        newsletter_after=newsletter_after,
        ad_after=ad_after,
        byline_form=byline_form,
        authors=authors,
        agency=agency,
        published=published,
        modified=modified,
        edited_modified=edited_modified,
        date_style=DATE_STYLES[rng.randrange(len(DATE_STYLES))],
        tags=tags,
        image_caption=fill(rng.choice(w.CAPTIONS)),
        photographer=rng.choice(w.PHOTOGRAPHERS),
        related_ids=related_ids,
        has_jsonld=rng.random() < 0.5,
        has_og_dates=rng.random() < 0.5,
        comments=comments,
        correction=fill(rng.choice(w.CORRECTIONS)),
    )


def _body(rng: random.Random, fill: _Filler) -> tuple[Block, ...]:
    target_words = rng.randint(330, 850)
    n_paragraphs = max(5, min(15, round(target_words / rng.randint(55, 75))))
    per_paragraph = target_words / n_paragraphs
    spots = range(2, n_paragraphs - 1)
    subheading_at = set(rng.sample(spots, min(len(spots), rng.randint(1, 3)))) if rng.random() < 0.45 else set()
    blocks: list[Block] = []
    for n in range(n_paragraphs):
        if n in subheading_at:
            heading = fill(rng.choice(w.SUBHEADINGS))
            blocks.append(Block("h2", heading, _escape(heading)))
        sentences: list[str] = []
        templates = rng.sample(w.SENTENCES, 8)
        while not sentences or (sum(len(s.split()) for s in sentences) < per_paragraph - 8 and templates):
            sentences.append(fill(templates.pop()))
        text = " ".join(sentences)
        blocks.append(Block("p", text, _inline_markup(rng, text, fill)))
    return tuple(blocks)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_markup(rng: random.Random, text: str, fill: _Filler) -> str:
    """The paragraph as HTML, with some emphasis or an inline link around a run of words."""
    parts = text.split(" ")
    roll = rng.random()
    if roll < 0.6 or len(parts) < 8:
        return _escape(text)
    start = rng.randrange(1, len(parts) - 4)
    end = start + rng.randint(2, 3)
    if any(not p[-1].isalpha() or not p[0].isalpha() for p in parts[start:end]):
        return _escape(text)  # keep the markup within one clause
    inner = _escape(" ".join(parts[start:end]))
    wrapped = f"<em>{inner}</em>" if roll < 0.8 else f'<a href="/{fill.section}/">{inner}</a>'
    return " ".join([_escape(" ".join(parts[:start])), wrapped, _escape(" ".join(parts[end:]))]).strip()
