"""The headline choice on pages shaped like common CMS families (pages written for these tests)."""

from __future__ import annotations

import json

from newscrawl.extract import extract_article

HEADLINE = "River floods the lower town"
TEXT = "".join(
    f"<p>{p}</p>"
    for p in (
        "The river rose by two metres overnight, and the town council opened the old school as a shelter.",
        "Volunteers filled sandbags until the early morning; the dikes have held so far, the mayor said.",
    )
)


def headline(head: str, body: str, url: str = "https://www.example-gazette.org/2024/05/river") -> str | None:
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head>
<body>{body}</body></html>"""
    return extract_article(html, url, fields=["headline"]).get("headline")


def ld(**fields: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


def meta(prop: str, content: str) -> str:
    attr = "property" if prop.startswith("og:") else "name"
    return f'<meta {attr}="{prop}" content="{content}">'


def test_wordpress_title_and_og_title_lose_the_site_name() -> None:
    head = (
        f"<title>{HEADLINE} &#8211; Example Gazette</title>"
        + meta("og:title", f"{HEADLINE} - Example Gazette")
        + meta("og:site_name", "Example Gazette")
    )
    body = f'<div class="site"><article class="post"><h1 class="entry-title">{HEADLINE}</h1>{TEXT}</article></div>'
    assert headline(head, body) == HEADLINE


def test_section_suffix_cut_where_another_source_lacks_it() -> None:
    # " - National" is no site name: it goes because the h1 shows the headline without it
    head = f"<title>{HEADLINE} - National | Example Gazette</title>" + meta("og:title", f"{HEADLINE} - National")
    body = f"<main><h1>{HEADLINE}</h1>{TEXT}</main>"
    assert headline(head, body) == HEADLINE


def test_section_suffix_kept_when_no_source_shows_the_headline_without_it() -> None:
    head = meta("og:title", f"{HEADLINE} - National")
    assert headline(head, f"<main><h2>Other</h2>{TEXT}</main>") == f"{HEADLINE} - National"


def test_kicker_span_inside_the_h1_is_not_part_of_the_headline() -> None:
    body = f"""<main><article><h1 class="article-title">
      <span class="article-title__kicker">Flood warning</span>
      <span class="article-title__text">{HEADLINE}</span></h1>{TEXT}</article></main>"""
    assert headline("", body) == HEADLINE


def test_react_app_headline_is_the_h1_in_main_not_the_logo() -> None:
    body = f"""<div id="root"><header><h1 class="logo"><a href="/">Example Gazette</a></h1></header>
      <main><div class="story"><h1>{HEADLINE}</h1>{TEXT}</div></main></div>"""
    assert headline(meta("og:site_name", "Example Gazette"), body) == HEADLINE


def test_logo_h1_outside_article_is_skipped() -> None:
    body = f"""<header><h1><a href="/">Example Gazette</a></h1></header>
      <div class="content"><h1>{HEADLINE}</h1>{TEXT}</div>"""
    assert headline("", body, "https://example-gazette.org/a") == HEADLINE


def test_breadcrumb_h1_is_no_support_for_an_seo_headline() -> None:
    # the SEO title is repeated in JSON-LD, <title> and a breadcrumb h1; the shown headline is in og:title
    seo = f"Flood news today: {HEADLINE} after heavy rain"
    head = ld(headline=seo) + f"<title>{seo} | Example Gazette</title>" + meta("og:title", HEADLINE)
    body = f"""<nav class="breadcrumbs"><a href="/">Home</a> <h1 class="breadcrumbs__title">{seo}</h1></nav>
      <article><h2 class="headline">{HEADLINE}</h2>{TEXT}</article>"""
    assert headline(head, body) == HEADLINE


def test_sources_that_agree_beat_a_lone_source() -> None:
    head = ld(headline="Town under water") + meta("og:title", HEADLINE) + meta("twitter:title", HEADLINE)
    body = f"<article><h1>{HEADLINE}</h1>{TEXT}</article>"
    assert headline(head, body) == HEADLINE


def test_two_sources_do_not_outvote_the_structured_headline() -> None:
    head = ld(headline=HEADLINE) + "<title>Town under water</title>"
    body = f"<article><h1>Town under water</h1>{TEXT}</article>"
    assert headline(head, body) == HEADLINE


def test_kicker_prefix_or_subtitle_another_structured_source_lacks_is_left_out() -> None:
    head = ld(headline=f"Flood warning: {HEADLINE}") + meta("og:title", HEADLINE)
    assert headline(head, f"<article>{TEXT}</article>") == HEADLINE
    head = ld(headline=HEADLINE) + meta("og:title", f"{HEADLINE} as the dikes hold for a second night")
    assert headline(head, f"<article>{TEXT}</article>") == HEADLINE


def test_a_title_cut_at_a_length_limit_is_not_the_shortest_headline() -> None:
    head = ld(headline=HEADLINE) + meta("og:title", HEADLINE[:-3])
    assert headline(head, f"<article>{TEXT}</article>") == HEADLINE


def test_h1_is_not_cut_at_its_separators() -> None:
    shown = "Storm - what we know so far"
    assert headline(meta("og:site_name", "Storm Watch"), f"<main><h1>{shown}</h1>{TEXT}</main>") == shown


def test_disagreeing_structured_headlines_give_the_shorter_one() -> None:
    # a longer SEO or print variant of the same story in JSON-LD; og:title carries the short headline
    head = ld(headline="After two days of rain the river has flooded the lower part of the town") + meta(
        "og:title", HEADLINE
    )
    assert headline(head, f"<article>{TEXT}</article>") == HEADLINE
