"""Downloader and spider middlewares that keep a crawl safe and polite (docs/hardening.md).

guard.py        the address guard: no private/loopback/metadata addresses, http(s) only
robots.py       robots.txt: size cap, 5xx/429 defers the host, Crawl-delay honoured
retry.py        retries with backoff, Retry-After, a time budget per URL
compression.py  decompression capped and truncated streams refused
responses.py    body checks: data loss, binary or NUL bytes, deep nesting, encodings
encoding.py     which encoding a page's bytes are really in (pure functions)
redirect.py     redirect and meta-refresh limits, counted
links.py        a cap on the requests one page can yield
sitemaps.py     sitemap bodies read with size caps and no entity expansion
"""
