"""author_details: the credited authors' profile URL, bio, job title, same-as links, image and type."""

import json

from newscrawl.extract import extract_article, parse_html
from newscrawl.extract.author_details import align_details
from newscrawl.extract.body import extract_body

URL = "https://news.example/world/2026/03/story/"
BODY = "".join(
    f"<p>Paragraph {n} of the story tells what happened in the harbour town on a long and windy day.</p>"
    for n in range(6)
)


def page(head: str = "", article: str = "", after: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Harbour story</title>{head}</head><body><main><article>"
        f"<h1>Harbour story</h1>{article}<div class='story-body'>{BODY}</div>{after}</article></main></body></html>"
    )


def ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def details(html: str) -> list[dict]:
    out = extract_article(html, URL)
    assert [d["name"] for d in out["author_details"]] == out["authors"]
    return out["author_details"]


def test_jsonld_graph_author_by_id_reference():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "@id": URL + "#article",
                "headline": "Harbour story",
                "datePublished": "2026-03-04T10:00:00+01:00",
                "author": [{"@id": "https://news.example/#/schema/person/jd"}],
            },
            {
                "@type": "Person",
                "@id": "https://news.example/#/schema/person/jd",
                "name": "Jane Doe",
                "url": "https://news.example/author/jane-doe/",
                "jobTitle": "Defence correspondent",
                "description": "Jane Doe covers military and intelligence news. Alumna of the Harbour Gazette.",
                "sameAs": ["https://social.example/@janedoe", "mailto:jane@news.example"],
                "image": {"@type": "ImageObject", "url": "/img/jane.jpg"},
            },
        ],
    }
    [jane] = details(page(ld(graph)))
    assert jane == {
        "name": "Jane Doe",
        "url": "https://news.example/author/jane-doe/",
        "bio": "Jane Doe covers military and intelligence news. Alumna of the Harbour Gazette.",
        "job_title": "Defence correspondent",
        "same_as": ["https://social.example/@janedoe"],
        "image": "https://news.example/img/jane.jpg",
        "type": "person",
    }


def test_microdata_author():
    html = page(
        article=(
            '<div itemscope itemtype="https://schema.org/NewsArticle"><h2 itemprop="headline">Harbour story</h2>'
            '<p class="byline">By <span itemprop="author" itemscope itemtype="https://schema.org/Person">'
            '<a itemprop="url" href="/people/tom-roe"><span itemprop="name">Tom Roe</span></a>'
            '<meta itemprop="jobTitle" content="Harbour reporter"></span></p></div>'
        )
    )
    [tom] = details(html)
    assert (tom["url"], tom["job_title"], tom["type"]) == (
        "https://news.example/people/tom-roe",
        "Harbour reporter",
        "person",
    )


def test_byline_links_give_each_author_their_page_in_order():
    html = page(
        article=(
            '<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a> and '
            '<a href="https://news.example/autoren/bo-berg">Bo Berg</a></p>'
        )
    )
    assert [(d["name"], d["url"]) for d in details(html)] == [
        ("Ann Lee", "https://news.example/author/ann-lee/"),
        ("Bo Berg", "https://news.example/autoren/bo-berg"),
    ]
    # rel=author marks the author's page whatever its URL looks like
    [ann] = details(page(article='<p class="byline">By <a rel="author" href="/u/4711">Ann Lee</a></p>'))
    assert ann["url"] == "https://news.example/u/4711"


BIO = "Ann Lee covers the harbour, shipping and the town council. Before that she reported from the coast."


def wordpress_box(name: str = "Ann Lee", bio: str = BIO) -> str:
    href = "/author/" + name.lower().replace(" ", "-") + "/"
    return (
        '<div class="author-box"><h3>About the author</h3>'
        f'<div class="author-name"><a href="{href}">{name}</a></div>'
        f'<p class="author-description">{bio} <a href="{href}">All posts</a></p></div>'
    )


def test_wordpress_author_box_after_the_body_gives_the_bio_and_stays_out_of_the_body():
    html = page(article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>', after=wordpress_box())
    out = extract_article(html, URL)
    [ann] = out["author_details"]
    assert ann["bio"] == BIO
    assert ann["url"] == "https://news.example/author/ann-lee/"
    assert "covers the harbour" not in out["body"]
    assert "Paragraph 5 of the story" in out["body"]


def test_the_author_box_is_taken_out_before_the_body_is_cleaned():
    bio = (
        "Ann Lee covers the harbour, shipping and the town council for the paper, and has done so for many years. "
        "Before that she reported from the coast for a regional radio station and wrote two books about lighthouses."
    )
    html = page(
        article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>',
        after=f'<section class="writer-info"><p>{bio}</p></section>',
    )
    tree = parse_html(html)
    # without the author box, the generic body keeps the bio paragraph: this page needs the step
    assert "books about lighthouses" in extract_body(tree, URL, "Harbour story", None, None, None)
    out = extract_article(html, URL)
    assert out["author_details"][0]["bio"] == bio
    assert "books about lighthouses" not in out["body"]
    assert "Paragraph 5 of the story" in out["body"]


def test_an_expert_quoted_in_the_text_is_not_the_author():
    expert = (
        '<blockquote class="quote"><p>"The tide will turn," said Max Mustermann.</p>'
        '<div class="author-bio">Max Mustermann is a professor of oceanography at the Harbour University.</div>'
        "</blockquote>"
        '<div class="expert-box"><div class="author-info">Eva Example is a marine biologist at the aquarium and '
        "studies seals.</div></div>"
    )
    html = page(article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>' + expert)
    [ann] = details(html)
    assert ann["bio"] is None
    assert ann["url"] == "https://news.example/author/ann-lee/"


def test_a_box_about_another_author_or_too_short_is_refused():
    other = wordpress_box(name="Someone Else", bio="Someone Else writes about gardens and kitchens every week.")
    html = page(article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>', after=other)
    assert details(html)[0]["bio"] is None
    short = wordpress_box(bio="Reporter.")
    html = page(article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>', after=short)
    assert details(html)[0]["bio"] is None


def test_organisation_author_and_refused_urls():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour story",
        "author": [
            {"@type": "Person", "name": "Ann Lee", "url": "ann-lee"},
            {"@type": "Person", "name": "Bo Berg", "url": "javascript:void(0)"},
            {"@type": "Organization", "name": "Reuters", "url": "https://www.reuters.example/"},
        ],
    }
    ann, bo, reuters = details(page(ld(data)))
    assert ann["url"] is None and bo["url"] is None  # a bare slug, not http(s)
    assert reuters == {
        "name": "Reuters",
        "url": None,  # the site root is not a profile
        "bio": None,
        "job_title": None,
        "same_as": None,
        "image": None,
        "type": "organization",
    }


def test_no_authors_no_details_and_alignment_with_pinned_authors():
    assert extract_article(page(), URL)["author_details"] == []
    found = [{"name": "Ann Lee", "url": "https://news.example/author/ann-lee/"}]
    aligned = align_details(["Bo Berg", "Ann Lee"], found)
    assert [(d["name"], d["url"]) for d in aligned] == [
        ("Bo Berg", None),
        ("Ann Lee", "https://news.example/author/ann-lee/"),
    ]


def test_about_the_author_box_without_the_name_on_a_single_author_page():
    box = (
        '<div class="auth-bio"><p>About the author: I write about the harbour and its boats, '
        "and I have sailed these waters since I was a child.</p></div>"
    )
    [ann] = details(page(article='<p class="byline">By <a href="/author/ann-lee/">Ann Lee</a></p>', after=box))
    assert ann["bio"] == "I write about the harbour and its boats, and I have sailed these waters since I was a child."


def test_a_role_line_is_not_a_bio():
    html = page(
        article=(
            '<div itemscope itemtype="https://schema.org/NewsArticle"><p class="byline">By '
            '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Tom Roe</span>'
            '<meta itemprop="description" content="Harbour-Gazette.example Redakteur"></span></p></div>'
        )
    )
    assert details(html)[0]["bio"] is None


def test_one_structured_node_naming_two_people_gives_neither_its_url():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour story",
        "author": {"@type": "Person", "name": "Ann Lee and Bo Berg", "url": "https://news.example/author/desk/"},
    }
    ann, bo = details(page(ld(data)))
    assert (ann["name"], bo["name"]) == ("Ann Lee", "Bo Berg")
    assert ann["url"] is None and bo["url"] is None
    assert ann["type"] == bo["type"] == "person"
