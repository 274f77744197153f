"""The article record: one per article, written as one JSON Lines object.

Field order is the order of the record on disk. The JSON Schema in
``newscrawl/schema/article.schema.json`` is the contract; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def doc(text: str, default: Any = None) -> Any:
    if isinstance(default, (list, dict)):
        return field(default_factory=type(default), metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


@dataclass
class RelatedLink:
    url: str = doc("absolute URL of the related article")
    title: str = doc("the link's title as shown")
    teaser: str | None = doc("the teaser text shown with the link, if any")


@dataclass
class Article:
    url: str | None = doc("the URL fetched, after redirects")
    canonical_url: str | None = doc("rel=canonical / og:url, normalized (tracking and session params stripped)")
    site: str | None = doc("profile key, or the host for generic crawls")
    section: str | None = doc("section or category as the site names it")
    headline: str | None = doc("the article's own headline, without the site name")
    description: str | None = doc("standfirst or meta description")
    body: str | None = doc("article text only, paragraphs separated by a blank line")
    authors: list[str] = doc("the names the byline credits: people, agencies or desks", [])
    byline: str | None = doc("the byline as shown on the page")
    published: str | None = doc("first publication time, ISO 8601, with UTC offset when the page gives one")
    modified: str | None = doc("last modification time, ISO 8601, with UTC offset when the page gives one")
    language: str | None = doc("BCP 47 language tag")
    tags: list[str] = doc("keywords and tags", [])
    image: str | None = doc("lead image URL")
    related: list[RelatedLink] = doc("related-articles links: url, title, teaser", [])
    word_count: int | None = doc("number of words in body")
    crawled_at: str | None = doc("when the page was fetched, ISO 8601 UTC")
    content_hash: str | None = doc("SHA-256 (hex) of the normalized body")
    published_raw: str | None = doc("the published date as found on the page, before normalization")
    modified_raw: str | None = doc("the modified date as found on the page, before normalization")
    provenance: dict[str, str] = doc("which layer answered each field: profile, jsonld, microdata, opengraph, meta, html, heuristic", {})
