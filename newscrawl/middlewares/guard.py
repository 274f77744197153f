"""The address guard: a crawl never reaches private, loopback, link-local (cloud metadata), CGNAT,
unique-local, multicast, reserved or unspecified addresses, in any spelling, before or after DNS,
and only speaks http and https; unless the user allowed that host (``--allow-host``).

``refusal()`` is the pure decision (the CLI calls it on seed URLs); ``AddressGuardMiddleware``
applies it to every request the engine downloads (seeds, links, redirects, meta refresh,
robots.txt); ``GuardedResolver`` checks the address Twisted actually connects to, so a name
that resolves differently the second time (DNS rebinding) is refused too.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.threads import deferToThread

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str], Sequence[str]]

SCHEMES = ("http", "https")

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network
# Checked in order; the first match names the reason (metadata before link_local).
_RANGES: tuple[tuple[str, ipaddress.IPv4Network | ipaddress.IPv6Network], ...] = (
    ("metadata", _V4("169.254.169.254/32")),
    ("metadata", _V6("fd00:ec2::254/128")),
    ("unspecified", _V4("0.0.0.0/8")),
    ("unspecified", _V6("::/128")),
    ("loopback", _V4("127.0.0.0/8")),
    ("loopback", _V6("::1/128")),
    ("private", _V4("10.0.0.0/8")),
    ("private", _V4("172.16.0.0/12")),
    ("private", _V4("192.168.0.0/16")),
    ("link_local", _V4("169.254.0.0/16")),
    ("link_local", _V6("fe80::/10")),
    ("cgnat", _V4("100.64.0.0/10")),
    ("unique_local", _V6("fc00::/7")),
    ("site_local", _V6("fec0::/10")),
    ("multicast", _V4("224.0.0.0/4")),
    ("multicast", _V6("ff00::/8")),
    ("broadcast", _V4("255.255.255.255/32")),
    ("reserved", _V4("240.0.0.0/4")),
)


def classify(ip: IPAddress) -> str | None:
    """Why this address must not be fetched (``loopback``, ``private``, ...), or None if it is public.

    IPv6 forms that carry an IPv4 address (mapped ``::ffff:a.b.c.d``, compatible ``::a.b.c.d``,
    NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) are judged by the IPv4 address they carry.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_v4(ip)
        if embedded is not None:
            return classify(embedded)
    for reason, network in _RANGES:
        if ip.version == network.version and ip in network:
            return reason
    if not ip.is_global:  # documentation, benchmarking, IETF protocol ranges, ...
        return "reserved"
    return None


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 1:  # ::a.b.c.d (deprecated IPv4-compatible)
        return ipaddress.IPv4Address(packed[12:])
    if ip in _V6("64:ff9b::/96") or ip in _V6("64:ff9b:1::/48"):
        return ipaddress.IPv4Address(packed[12:])
    return None


def parse_ip(host: str) -> IPAddress | None:
    """The address a URL host spells, in any form a browser or ``inet_aton`` accepts, else None.

    IPv4 follows the WHATWG URL parser: 1 to 4 dot-separated parts, each decimal, ``0x`` hex or
    ``0``-prefixed octal, the last part filling the remaining bytes (``127.1``, ``2130706433``,
    ``0x7f.0.0.1``, ``0177.0.0.01``); a trailing dot is allowed. IPv6 may be bracketed and carry a
    zone (``[fe80::1%eth0]``).
    """
    host = host.strip().strip("[]").split("%", 1)[0] if ":" in host else host.strip()
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            return None
    return _parse_ipv4(host)


def _parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        number = _ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str) -> int | None:
    if not part:
        return None
    base, digits = 10, part
    if part[:2].lower() == "0x":
        base, digits = 16, part[2:] or "0"
    elif len(part) > 1 and part[0] == "0":
        base, digits = 8, part[1:]
    allowed = {10: "0123456789", 16: "0123456789abcdefABCDEF", 8: "01234567"}[base]
    if not all(c in allowed for c in digits):
        return None
    return int(digits, base)


def normalize_host(host: str) -> str:
    """A URL host as the guard compares it: percent-decoded, NFKC, lowercase, no trailing dot;
    an IP literal in its canonical spelling (``127.1`` -> ``127.0.0.1``)."""
    host = unicodedata.normalize("NFKC", unquote(host)).strip().lower().rstrip(".")
    ip = parse_ip(host)
    return str(ip) if ip is not None else host.strip("[]")


class OSResolver:
    """The operating system's resolver (getaddrinfo: /etc/hosts, DNS), with a small cache."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._cache: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self.max_entries = max_entries

    def __call__(self, host: str) -> tuple[str, ...]:
        with self._lock:
            if host in self._cache:
                return self._cache[host]
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        with self._lock:
            if len(self._cache) >= self.max_entries:
                self._cache.clear()
            self._cache[host] = addresses
        return addresses

    def cached(self, host: str) -> bool:
        with self._lock:
            return host in self._cache


os_resolver = OSResolver()


def refusal(url: str, allow_hosts: Iterable[str] = (), resolver: Resolve | None = os_resolver) -> str | None:
    """Why the crawl must not fetch ``url`` (a short reason naming the address), or None if it may.

    ``allow_hosts`` are hosts the user let through (``--allow-host``): compared with the URL's
    host after normalization, not with the addresses a name resolves to. ``resolver`` maps a
    host name to its addresses (the OS resolver by default; tests pass a fake, None skips
    resolution). A name that does not resolve is not refused here: the download fails and
    is retried as any DNS failure.
    """
    reason = _refusal(url, allow_hosts, resolver)
    return f"{reason[0]}: {reason[1]}" if reason else None


def refusal_reason(url: str, allow_hosts: Iterable[str] = (), resolver: Resolve | None = os_resolver) -> str | None:
    """The reason key alone (``scheme``, ``loopback``, ``metadata``, ...), for stats."""
    reason = _refusal(url, allow_hosts, resolver)
    return reason[0] if reason else None


def _refusal(url: str, allow_hosts: Iterable[str], resolver: Resolve | None) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url.strip())
        raw_host = parts.hostname or ""
    except ValueError as exc:
        return "bad_url", f"cannot parse the URL ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        return "scheme", f"scheme {parts.scheme or '(none)'!r} is not http or https"
    if not raw_host:
        return "bad_url", "the URL has no host"
    host = normalize_host(raw_host)
    if host in {normalize_host(h) for h in allow_hosts}:
        return None
    ip = parse_ip(host)
    if ip is not None:
        why = classify(ip)
        return (why, f"{raw_host} is {_describe(why, ip)}") if why else None
    if resolver is None:
        return None
    try:
        addresses = resolver(host)
    except (OSError, UnicodeError):
        return None
    for address in addresses:
        resolved = parse_ip(address)
        if resolved is None:
            continue
        why = classify(resolved)
        if why:
            return why, f"{raw_host} resolves to {_describe(why, resolved)}"
    return None


def _describe(reason: str, ip: IPAddress) -> str:
    names = {
        "metadata": "the cloud metadata address",
        "unspecified": "an unspecified address",
        "loopback": "a loopback address",
        "private": "a private address",
        "link_local": "a link-local address",
        "cgnat": "a carrier-grade NAT address",
        "unique_local": "a unique-local address",
        "site_local": "a site-local address",
        "multicast": "a multicast address",
        "broadcast": "the broadcast address",
        "reserved": "a reserved address",
    }
    return f"{names.get(reason, reason)} ({ip})"


class AddressGuardMiddleware:
    """Refuses every request ``refusal()`` refuses: counted as ``newscrawl/blocked/<reason>``,
    logged with the URL and the reason. Runs first (before robots.txt), so a refused host
    is never contacted at all, not even for its robots.txt."""

    def __init__(self, crawler: Crawler, resolver: Resolve = os_resolver) -> None:
        self.crawler = crawler
        self.resolver = resolver
        self.allow_hosts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self) -> None:
        self.allow_hosts = allowed_hosts(self.crawler)
        _RESOLVER_ALLOW.update(self.allow_hosts)

    async def process_request(self, request: Request) -> None:
        if not self.allow_hosts:
            self.allow_hosts = allowed_hosts(self.crawler)
        host = urlsplit(request.url).hostname or ""
        resolver = self.resolver
        if host and parse_ip(host) is None and not _is_cached(resolver, host):
            # Resolve once in a thread (getaddrinfo blocks); the check below then hits the cache.
            deferred: Deferred[Any] = deferToThread(_warm, resolver, host)
            await maybe_deferred_to_future(deferred)
        reason = _refusal(request.url, self.allow_hosts, resolver)
        if reason is None:
            return
        key, message = reason
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/blocked/{key}")
        logger.warning("blocked %s: %s", request.url, message)
        raise IgnoreRequest(f"blocked by the address guard: {message}")


def allowed_hosts(crawler: Crawler) -> set[str]:
    """NEWSCRAWL_ALLOW_HOSTS plus the spider's ``allowed_hosts``, normalized."""
    hosts = [*crawler.settings.getlist("NEWSCRAWL_ALLOW_HOSTS"), *getattr(crawler.spider, "allowed_hosts", [])]
    return {normalize_host(h) for h in hosts if h}


def _is_cached(resolver: Resolve, host: str) -> bool:
    cached = getattr(resolver, "cached", None)
    return bool(cached(host)) if cached is not None else True


def _warm(resolver: Resolve, host: str) -> None:
    with contextlib.suppress(OSError, UnicodeError):
        resolver(host)


# Hosts the running spiders allow; the resolver is built per process, before any spider exists.
_RESOLVER_ALLOW: set[str] = set()


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing to hand Twisted a blocked address for a host that
    is not allowed: the address checked is the one the connection uses."""

    allow_hosts: frozenset[str] = frozenset()

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        resolver: GuardedResolver = super().from_crawler(crawler, reactor)
        resolver.allow_hosts = frozenset(normalize_host(h) for h in crawler.settings.getlist("NEWSCRAWL_ALLOW_HOSTS"))
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        deferred = super().getHostByName(name, timeout)
        deferred.addCallback(self._check, name)
        return deferred

    def _check(self, address: str, name: str) -> str:
        host = normalize_host(name)
        if host in self.allow_hosts or host in _RESOLVER_ALLOW:
            return address
        ip = parse_ip(address)
        why = classify(ip) if ip is not None else None
        if why:
            logger.warning("blocked connection to %s: it resolves to %s", name, _describe(why, ip))  # type: ignore[arg-type]
            raise DNSLookupError(f"{name} resolves to {_describe(why, ip)}: blocked by the address guard")  # type: ignore[arg-type]
        return address
