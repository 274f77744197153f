"""Author markup of common CMSs and themes, on small invented pages: every case is a pattern many
publishers share (WordPress vcards, rel=author links, "By A, B and C", "Von A und B", author metas,
schema.org Person arrays, names with particles or initials)."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article

TEXT = "<p>" + "The council met on Tuesday to discuss the new harbour wall and the ferry timetable. " * 3 + "</p>"
SITE = '<meta property="og:site_name" content="Harbour Times">'


def page(head: str, byline: str) -> str:
    return (
        f"<html><head>{head}</head><body><main><article><h1>Harbour wall approved</h1>{byline}{TEXT}{TEXT}"
        "</article></main></body></html>"
    )


def ld(author: object) -> str:
    data = {"@type": "NewsArticle", "headline": "Harbour wall approved", "author": author}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


CASES = {
    "portal byline line with a script author link": (
        "",
        '<div class="info">22.06.2024 09:38 | By <a href="author.php?id=3">Ada Ashdown</a> | '
        '<a href="print.php?id=4090">Print</a></div>',
        ["Ada Ashdown"],
    ),
    "wordpress plain-permalink author link": (
        "",
        '<p class="meta">Posted on June 22, 2024 | <a href="/?author=2">Jane Doe</a></p>',
        ["Jane Doe"],
    ),
    "wordpress vcard": (
        "",
        '<div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" '
        'href="https://harbour.example/author/jane-doe/">Jane Doe</a></span></span> <span class="posted-on">'
        "May 3, 2024</span></div>",
        ["Jane Doe"],
    ),
    "wordpress co-authors vcards": (
        "",
        '<div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" '
        'href="/author/jane-doe/">Jane Doe</a></span> and <span class="author vcard"><a class="url fn n" '
        'href="/author/john-roe/">John Roe</a></span></span></div>',
        ["Jane Doe", "John Roe"],
    ),
    ".byline a[rel=author], a particle name": (
        "",
        '<div class="byline">By <a rel="author" href="/people/ana-de-la-cruz">Ana de la Cruz</a></div>',
        ["Ana de la Cruz"],
    ),
    "By A, B and C": (
        "",
        '<p class="byline">By Jane Doe, John Roe and Ann Poe</p>',
        ["Jane Doe", "John Roe", "Ann Poe"],
    ),
    "Von A und B": (
        "",
        '<p class="autor">Von Anna Müller und Jan van der Berg</p>',
        ["Anna Müller", "Jan van der Berg"],
    ),
    "meta name=author, two names": ('<meta name="author" content="Jane Doe, John Roe">', "", ["Jane Doe", "John Roe"]),
    "article:author a profile URL": (
        '<meta property="article:author" content="https://harbour.example/author/jane-doe/">',
        '<p class="byline">By Jane Doe</p>',
        ["Jane Doe"],
    ),
    "article:author a social page only": (
        '<meta property="article:author" content="https://social.example/harbourtimes">',
        "",
        [],
    ),
    "schema Person array, initials": (
        ld([{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "J. R. Roe"}]),
        "",
        ["Jane Doe", "J. R. Roe"],
    ),
    "schema givenName/familyName": (
        ld({"@type": "Person", "givenName": "Jane", "familyName": "Doe"}),
        "",
        ["Jane Doe"],
    ),
    "schema author a URL": (
        ld({"@type": "Person", "name": "https://harbour.example/author/jane-doe"}),
        '<p class="byline">By Jane Doe</p>',
        ["Jane Doe"],
    ),
    "schema Organization, byline names a person": (
        SITE + ld({"@type": "Organization", "name": "Harbour Times"}),
        '<p class="byline">By Jane Doe</p>',
        ["Jane Doe"],
    ),
    "schema names the first author, the byline all": (
        ld({"@type": "Person", "name": "Jane Doe"}),
        '<p class="byline">By Jane Doe and John Roe</p>',
        ["Jane Doe", "John Roe"],
    ),
    "an agency as the author meta, the byline names the reporter": (
        '<meta name="author" content="Associated Press">',
        '<p class="byline">By JANE DOE AP Science Writer</p>',
        ["JANE DOE", "AP"],
    ),
    "an obfuscated e-mail address as the author meta": (
        '<meta name="author" content="jdoe[at]post.example">',
        '<p class="byline">By Jane Doe</p>',
        ["Jane Doe"],
    ),
    "initials": ("", '<p class="byline">By A. B. Smith and C. D. Jones</p>', ["A. B. Smith", "C. D. Jones"]),
    "a particle inside the name": ("", '<p class="byline">Von Christoph von Eichhorn</p>', ["Christoph von Eichhorn"]),
    "dc.creator family name first": ('<meta name="dc.creator" content="Doe, Jane">', "", ["Jane Doe"]),
    "a job word as surname, then the role": (
        "",
        '<p class="byline">By Ada Writer, Staff Writer</p>',
        ["Ada Writer"],
    ),
    "a role before the name": ("", '<p class="byline">Political Editor Jane Doe</p>', ["Jane Doe"]),
    "the site's name after a pipe": (SITE, '<p class="byline">Jane Doe | Harbour Times</p>', ["Jane Doe"]),
    "an account handle in the meta, the name in a vcard": (
        '<meta name="author" content="jdoe">',
        '<span class="author vcard"><a class="url fn n" href="/author/jdoe/">Jane Doe</a></span>',
        ["Jane Doe"],
    ),
    "itemprop=author Person with a name": (
        "",
        '<div class="article-meta">By <span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<a itemprop="url" href="/author/jane-doe"><span itemprop="name">Jane Doe</span></a></span></div>',
        ["Jane Doe"],
    ),
    "a web agency credited in the author meta": (
        '<meta name="author" content="Developed by Example Web Studio">',
        '<p class="byline">By Jane Doe</p>',
        ["Jane Doe"],
    ),
}


@pytest.mark.parametrize(("head", "byline", "expected"), list(CASES.values()), ids=list(CASES))
def test_author_markup(head: str, byline: str, expected: list[str]) -> None:
    out = extract_article(page(head, byline), "https://harbour.example/news/wall", fields=["authors"])
    assert out["authors"] == expected
