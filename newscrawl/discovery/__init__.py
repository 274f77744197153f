"""Discovery for sites without a profile (and for profiles that name feeds and sitemaps): pure
functions, no engine. The spider (spiders/news.py) decides what to request with them.

- ``urls``: what a URL's shape says (article-like, never-an-article kinds, pagination, calendars,
  AMP variants) and the form an article is scheduled under.
- ``listing``: article links of a listing's main content, its next page, the site's sections.
- ``pages``: article or not, for a fetched page, with the reason.
- ``sitemaps`` / ``feeds``: entries with their dates (robots.txt, indexes, gzip, Google News;
  RSS and Atom, autodiscovery).
- ``dates``: the dates those formats use, and ``--since``.

See docs/discovery.md.
"""
