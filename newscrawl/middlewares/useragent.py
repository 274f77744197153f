"""An identifying User-Agent: USER_AGENT, plus NEWSCRAWL_CONTACT (a URL or e-mail address of
whoever runs the crawl) when set, so a site's operator can reach a person."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware as ScrapyUserAgentMiddleware


def user_agent(base: str, contact: str) -> str:
    """``base`` with ``contact`` added inside its comment: ``newscrawl/0.1 (+URL; contact)``."""
    contact = contact.strip()
    if not contact:
        return base
    if base.endswith(")"):
        return f"{base[:-1]}; {contact})"
    return f"{base} ({contact})"


class UserAgentMiddleware(ScrapyUserAgentMiddleware):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UserAgentMiddleware:
        agent = user_agent(crawler.settings["USER_AGENT"], crawler.settings.get("NEWSCRAWL_CONTACT", ""))
        mw = cls(agent)
        return mw
