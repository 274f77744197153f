"""Redirects and meta refreshes, with the limit counted: a redirect loop or a chain longer than
REDIRECT_MAX_TIMES is ``newscrawl/skipped/redirect_limit`` and a warning, not a silent debug line.

Every redirect target is a new request, so the address guard sees it before it is fetched.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as ScrapyRedirectMiddleware
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)


class _CountedLimit:
    crawler: Any

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        try:
            return super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except IgnoreRequest:
            self.crawler.stats.inc_value("newscrawl/skipped/redirect_limit")
            chain = [*request.meta.get("redirect_urls", []), request.url]
            logger.warning(
                "skipped %s: more than %d redirects (%s)",
                chain[0],
                len(chain) - 1,
                " -> ".join(chain[-4:]),
            )
            raise


class RedirectMiddleware(_CountedLimit, ScrapyRedirectMiddleware):
    pass


class MetaRefreshMiddleware(_CountedLimit, ScrapyMetaRefreshMiddleware):
    pass
