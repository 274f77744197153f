"""URL normalization: the key articles are deduplicated on."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that never change the content: campaign tracking and session ids.
_DROP_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|_gl"
    r"|ref_src|cmpid|ocid|relatedposts_\w+|sessionid|session_id|sid|jsessionid|phpsessid|aspsessionid\w*|sessid)$",
    re.IGNORECASE,
)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)


def is_tracking_param(name: str) -> bool:
    """A query parameter that never changes the content (campaign tracking, session id)."""
    return bool(_DROP_PARAM.match(name))


@functools.lru_cache(maxsize=4096)  # a site's pages link the same URLs (related posts, authors): 18 µs each
def normalize_url(url: str) -> str:
    """Canonical form of ``url``: lower-case host, sorted query, no fragment, no tracking/session params."""
    parts = urlsplit(url.strip())
    path = _PATH_SESSION.sub("", parts.path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _DROP_PARAM.match(k)])
    return canonicalize_url(urlunsplit((parts.scheme, parts.netloc, path, query, "")))


def drop_tracking(url: str) -> str:
    """``url`` without tracking and session parameters and path session ids, otherwise as written."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _DROP_PARAM.match(k)]
    path = _PATH_SESSION.sub("", parts.path)
    if len(kept) == len(pairs) and path == parts.path:
        return url
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(kept), parts.fragment))
