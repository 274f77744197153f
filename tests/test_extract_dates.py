"""The published date: rules of find_dates, on small pages written for these tests."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article

TEXT = "".join(
    f"<p>The harbour board met on a wet morning to discuss the new ferry timetable, item {i} of the agenda.</p>"
    for i in range(4)
)


def page(head: str, meta_line: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head><body>
<main><article><h1>Ferry timetable changes from spring</h1>{meta_line}
<div class="article-body">{TEXT}</div></article></main></body></html>"""


def published(head: str, meta_line: str) -> str | None:
    return extract_article(page(head, meta_line), "https://example.org/news/a", fields=["published"]).get("published")


META = '<meta property="article:published_time" content="2022-01-15">'
ICON = (
    '<span class="label-with-icon"><svg class="icon"><title>Date of publication</title></svg>'
    '<span class="label"><time datetime="2022-01-25">25.01.2022</time></span></span>'
)


@pytest.mark.parametrize(
    "shown",
    [
        ICON.replace("Date of publication", "Erscheinungsdatum"),
        '<p class="meta">Published: <time datetime="2022-01-25T09:30:00+01:00">25 January 2022</time></p>',
        '<div class="byline"><span>Veröffentlicht am</span> <time>25.01.2022</time></div>',
    ],
)
def test_time_shown_under_a_publication_label_outranks_the_publication_metas(shown: str) -> None:
    assert (published(META, shown) or "")[:10] == "2022-01-25"


@pytest.mark.parametrize(
    "shown",
    [
        '<p class="meta"><time datetime="2022-01-25">25.01.2022</time></p>',  # no label
        '<p class="meta">15.01.2022, updated: <time datetime="2022-01-25">25.01.2022</time></p>',
        '<p class="meta">Published: <time datetime="2022-01-25"></time></p>',  # nothing shown
        '<p>Read next: <time datetime="2022-01-25">25.01.2022</time></p>',
    ],
)
def test_the_publication_meta_stays_against_a_time_without_publication_label(shown: str) -> None:
    assert published(META, shown) == "2022-01-15"


def test_on_the_same_day_the_meta_stays_for_its_offset() -> None:
    """Some themes print the local time with a UTC offset in <time>: the day decides, not the instant."""
    head = '<meta property="article:published_time" content="2018-04-11T00:22:15+00:00">'
    shown = '<p>Posted <a href="/2018/04/11/"><time datetime="2018-04-11T02:22:15+00:00">11 April 2018</time></a></p>'
    assert published(head, shown) == "2018-04-11T00:22:15+00:00"


def test_json_ld_date_published_outranks_a_labelled_time() -> None:
    data = {"@type": "NewsArticle", "headline": "Ferry timetable", "datePublished": "2022-01-15T08:00:00+01:00"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    shown = '<p class="meta">Published: <time datetime="2022-01-25">25 January 2022</time></p>'
    assert published(head, shown) == "2022-01-15T08:00:00+01:00"


@pytest.mark.parametrize(
    ("meta_line", "expected"),
    [
        (
            '<div class="info">22.06.2024 09:38 | By <a href="author.php?id=3">Ada Ashdown</a></div>',
            "2024-06-22T09:38:00",
        ),
        ("<p>June 22, 2024 at 6:19 p.m.</p>", "2024-06-22T18:19:00"),
        ("<p>22 June 2024</p>", "2024-06-22"),  # no time printed: the day
    ],
)
def test_the_time_printed_with_the_date_under_the_headline(meta_line, expected):
    """A page without date markup: the day alone would lose the time the byline line shows."""
    assert published("", meta_line) == expected


MODIFIED = '<meta property="article:modified_time" content="2022-01-25T10:30:00+01:00">'


@pytest.mark.parametrize(
    ("head", "shown"),
    [
        (META, '<p class="meta">Updated: <time datetime="2022-01-25">25.01.2022</time></p>'),
        (META + MODIFIED, '<p class="meta">Stand: 25.01.2022, 10:30 Uhr</p>'),
        (META + MODIFIED, "<p>By Ada Ashdown</p>"),  # shown only at the end, under the article
    ],
)
def test_the_update_day_shown_replaces_a_publication_day_the_page_never_shows(head: str, shown: str) -> None:
    """A stored item's creation date (a re-published article, a recipe dated 2004): the page dates
    itself by the update, and so does the reader."""
    html = page(head, shown).replace("</article>", "<footer>Last changed 25 January 2022</footer></article>")
    got = extract_article(html, "https://example.org/news/a", fields=["published", "modified"])
    assert (got.get("published") or "")[:10] == "2022-01-25"


@pytest.mark.parametrize(
    ("shown", "after"),
    [
        ('<p class="meta">Stand: 25.01.2022</p>', "<p>Publiziert: 15.01.2022</p>"),  # both shown
        ("<p>By Ada Ashdown</p>", ""),  # neither shown
        ("<p>By Ada Ashdown</p>", "<script>var stamp = '25.01.2022';</script>"),  # not shown
    ],
)
def test_the_publication_day_stays_when_the_page_shows_it_or_no_update_day(shown: str, after: str) -> None:
    html = page(META + MODIFIED, shown).replace("</article>", after + "</article>")
    got = extract_article(html, "https://example.org/news/a", fields=["published"])
    assert got.get("published") == "2022-01-15"


def test_a_site_header_date_above_the_headline_is_not_the_article_s() -> None:
    """Many sites print today's date in their header: it precedes the headline and is not read."""
    html = page(META + MODIFIED, "<p>By Ada Ashdown</p>").replace(
        "<body>", "<body><div class='topbar'>Tuesday, 25 January 2022</div>"
    )
    got = extract_article(html, "https://example.org/news/a", fields=["published"])
    assert got.get("published") == "2022-01-15"
