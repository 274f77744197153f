"""Site profiles: one TOML file per site in this folder, found by key (the file's stem).

A profile is data, validated when loaded; an error names the file and the key at fault.
See docs/adding-a-site.md for the format.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from newscrawl.extract import ALL_FIELDS

# importlib.resources, not __file__: under scrapyd the package is imported from a zipped egg.
SITES_DIR: Traversable = resources.files(__name__)

# The record fields a profile's [article] table may pin (url is the response's; related has a table of its own;
# author_details describes whichever authors the record credits).
ARTICLE_FIELDS = tuple(f for f in ALL_FIELDS if f not in ("url", "related", "author_details"))
RELATED_KEYS = ("item", "url", "title", "teaser")
_TOP_KEYS = {
    "name",
    "base_url",
    "demo_server",
    "allowed_domains",
    "allowed_hosts",
    "sections",
    "feeds",
    "sitemaps",
    "listing",
    "article",
    "settings",
    "coverage_floors",
    "discovery",
}
DISCOVERY_SOURCES = ("sections", "feeds", "sitemaps")


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Profile:
    key: str
    path: Path | Traversable
    name: str
    base_url: str
    sections: tuple[str, ...]
    demo_server: bool = False
    allowed_domains: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listing: dict[str, str] = field(default_factory=dict)
    article: dict[str, str] = field(default_factory=dict)
    related: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    coverage_floors: dict[str, float] = field(default_factory=dict)
    discovery: tuple[str, ...] = ("sections",)  # the sources a crawl reads: sections, feeds, sitemaps
    shape: str = ""  # "" for a profile; "section" or "site" for a URL crawled without one

    @property
    def generic(self) -> bool:
        """True for a URL crawled without a profile (discovery by heuristics)."""
        return bool(self.shape)

    def with_base_url(self, base_url: str) -> Profile:
        """The same profile pointed at another origin (tests point it at loopback)."""
        return Profile(**{**self.__dict__, "base_url": base_url.rstrip("/") + "/"})

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    @property
    def section_urls(self) -> list[str]:
        return [self.url(s) for s in self.sections]

    @property
    def domains(self) -> list[str]:
        host = urlsplit(self.base_url).hostname or ""
        return [host, *self.allowed_domains]


def available() -> list[str]:
    return sorted(p.name[: -len(".toml")] for p in SITES_DIR.iterdir() if p.name.endswith(".toml"))


def for_url(url: str) -> Profile:
    """The stand-in profile for crawling ``url`` without a site profile: keyed by its host.

    A home page (path ``/``) means the whole site (sitemaps, feeds, sections); any other page is
    one section's listing, read with its pagination.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise ProfileError(f"{url}: not an absolute http(s) URL")
    origin = f"{parts.scheme}://{parts.netloc.lower()}/"
    path = parts.path or "/"
    whole_site = path in ("/", "/index.html", "/index.php", "/index.htm") and not parts.query
    start = origin if whole_site else urljoin(origin, url.strip())
    return Profile(
        key=host,
        path=Path(url),
        name=host,
        base_url=origin,
        sections=(start,),
        discovery=DISCOVERY_SOURCES if whole_site else ("sections",),
        shape="site" if whole_site else "section",
    )


def load(key: str) -> Profile:
    """The profile named ``key``, or the profile file ``key`` when it ends in .toml."""
    if key.endswith(".toml"):
        if not Path(key).is_file():
            raise ProfileError(f"{key}: no such profile file")
        return load_file(Path(key))
    path = SITES_DIR / f"{key}.toml"
    if not key.replace("_", "").replace("-", "").isalnum() or not path.is_file():
        raise ProfileError(f"unknown site profile {key!r}; known: {', '.join(available()) or 'none'}")
    return load_file(path)


def load_file(path: Path | Traversable) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    return _validate(path, data)


def _validate(path: Path | Traversable, data: dict[str, Any]) -> Profile:
    def fail(key: str, problem: str) -> ProfileError:
        return ProfileError(f"{path}: key {key!r}: {problem}")

    for key in data:
        if key not in _TOP_KEYS:
            raise fail(key, f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
    for key in ("name", "base_url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise fail(key, "required, a non-empty string")
    if urlsplit(data["base_url"]).scheme not in ("http", "https") or not urlsplit(data["base_url"]).hostname:
        raise fail("base_url", "must be an absolute http(s) URL")

    def str_list(key: str, required: bool = False) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "must be a list of non-empty strings")
        if required and not value:
            raise fail(key, "required, at least one entry")
        return tuple(value)

    def str_table(key: str, allowed: tuple[str, ...] | None, table: dict[str, Any]) -> dict[str, str]:
        for k, v in table.items():
            if allowed is not None and k not in allowed:
                raise fail(f"{key}.{k}", f"unknown key (allowed: {', '.join(allowed)})")
            if not isinstance(v, str) or not v.strip():
                raise fail(f"{key}.{k}", "must be a non-empty selector string")
            _check_selector(v, lambda problem, k=k: fail(f"{key}.{k}", problem))
        return dict(table)

    def table(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise fail(key, "must be a table")
        return value

    listing = str_table("listing", ("article_links", "next_page"), table("listing"))
    article_table = dict(table("article"))
    related_table = article_table.pop("related", {})
    if not isinstance(related_table, dict):
        raise fail("article.related", "must be a table")
    article = str_table("article", ARTICLE_FIELDS, article_table)
    related = str_table("article.related", RELATED_KEYS, related_table)
    if related and not {"item", "url", "title"} <= related.keys():
        raise fail("article.related", "needs item, url and title selectors")
    floors = table("coverage_floors")
    for k, v in floors.items():
        if k not in (*ARTICLE_FIELDS, "related") or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise fail(f"coverage_floors.{k}", "must name a record field and be a number from 0 to 1")
    discovery = str_list("discovery") or ("sections",)
    for source in discovery:
        if source not in DISCOVERY_SOURCES:
            raise fail("discovery", f"unknown source {source!r} (allowed: {', '.join(DISCOVERY_SOURCES)})")
    demo_server = data.get("demo_server", False)
    if not isinstance(demo_server, bool):
        raise fail("demo_server", "must be true or false")
    return Profile(
        key=path.name[: -len(".toml")] if path.name.endswith(".toml") else path.name,
        path=path,
        name=data["name"],
        base_url=data["base_url"].rstrip("/") + "/",
        sections=str_list("sections", required=True),
        demo_server=demo_server,
        allowed_domains=str_list("allowed_domains"),
        allowed_hosts=str_list("allowed_hosts"),
        feeds=str_list("feeds"),
        sitemaps=str_list("sitemaps"),
        listing=listing,
        article=article,
        related=related,
        settings=table("settings"),
        coverage_floors={k: float(v) for k, v in floors.items()},
        discovery=discovery,
    )


def _check_selector(selector: str, fail: Any) -> None:
    from parsel import Selector
    from parsel.csstranslator import HTMLTranslator  # noqa: F401  (cssselect is parsel's own dependency)

    probe = Selector(text="<html></html>")
    try:
        if selector.startswith("xpath:"):
            probe.xpath(selector[6:])
        else:
            probe.css(selector)
    except Exception as exc:  # parsel raises several kinds for bad expressions
        raise fail(f"invalid selector: {exc}") from None
