"""The article record: one per article, written as one JSON Lines object.

Field order is the order of the record on disk. The JSON Schema in
``newscrawl/schema/article.schema.json`` is the contract; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RelatedLink:
    url: str = field(default="", metadata={"doc": "absolute URL of the related article"})
    title: str = field(default="", metadata={"doc": "the link's title as shown"})
    teaser: str | None = field(default=None, metadata={"doc": "the teaser text shown with the link, if any"})


@dataclass
class AuthorDetails:
    name: str = field(default="", metadata={"doc": "the name as in authors"})
    url: str | None = field(default=None, metadata={"doc": "the author's profile page on the site"})
    bio: str | None = field(default=None, metadata={"doc": "the short biography the page or its structured data gives"})
    job_title: str | None = field(default=None, metadata={"doc": "role or job title, from structured data"})
    same_as: list[str] | None = field(default=None, metadata={"doc": "other profiles of the author (social, homepage)"})
    image: str | None = field(default=None, metadata={"doc": "the author's picture URL"})
    type: str | None = field(default=None, metadata={"doc": "person or organization; null when the page does not say"})


@dataclass
class Article:
    url: str | None = field(default=None, metadata={"doc": "the URL fetched, after redirects"})
    canonical_url: str | None = field(
        default=None, metadata={"doc": "rel=canonical / og:url, normalized (tracking and session params stripped)"}
    )
    site: str | None = field(default=None, metadata={"doc": "profile key, or the host for generic crawls"})
    section: str | None = field(default=None, metadata={"doc": "section or category as the site names it"})
    headline: str | None = field(default=None, metadata={"doc": "the article's own headline, without the site name"})
    description: str | None = field(default=None, metadata={"doc": "standfirst or meta description"})
    body: str | None = field(default=None, metadata={"doc": "article text only, paragraphs separated by a blank line"})
    authors: list[str] = field(
        default_factory=list, metadata={"doc": "the names the byline credits: people, agencies or desks"}
    )
    byline: str | None = field(default=None, metadata={"doc": "the byline as shown on the page"})
    author_details: list[AuthorDetails] = field(
        default_factory=list,
        metadata={"doc": "one entry per name of authors, same order: name, url, bio, job_title, same_as, image, type"},
    )
    published: str | None = field(
        default=None,
        metadata={
            "doc": "first publication time as the page shows it (the update's when the page never shows the first), ISO 8601, with UTC offset when the page gives one"
        },
    )
    modified: str | None = field(
        default=None, metadata={"doc": "last modification time, ISO 8601, with UTC offset when the page gives one"}
    )
    language: str | None = field(default=None, metadata={"doc": "BCP 47 language tag"})
    tags: list[str] = field(default_factory=list, metadata={"doc": "keywords and tags"})
    image: str | None = field(default=None, metadata={"doc": "lead image URL"})
    related: list[RelatedLink] = field(
        default_factory=list, metadata={"doc": "related-articles links: url, title, teaser"}
    )
    word_count: int | None = field(default=None, metadata={"doc": "number of words in body"})
    crawled_at: str | None = field(default=None, metadata={"doc": "when the page was fetched, ISO 8601 UTC"})
    content_hash: str | None = field(default=None, metadata={"doc": "SHA-256 (hex) of the normalized body"})
    published_raw: str | None = field(
        default=None, metadata={"doc": "the published date as found on the page, before normalization"}
    )
    modified_raw: str | None = field(
        default=None, metadata={"doc": "the modified date as found on the page, before normalization"}
    )
    provenance: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "doc": "which layer answered each field: profile, jsonld, microdata, opengraph, meta, html, heuristic"
        },
    )
    revision: int = field(
        default=1, metadata={"doc": "1 for an article's first record; n for its n-th changed version"}
    )
    duplicate_of: str | None = field(
        default=None, metadata={"doc": "canonical URL of the earlier article with the same or near-same body, if any"}
    )
