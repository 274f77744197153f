"""The address guard: the classifier on every range and spelling (fake resolver), and an
end-to-end crawl that tries to reach an internal service on 127.0.0.2 every way it can."""

from __future__ import annotations

import ipaddress
import json
from urllib.parse import urlsplit

import pytest

from newscrawl.middlewares.guard import classify, normalize_host, parse_ip, refusal, refusal_reason
from tests.conftest import run_newscrawl
from tests.servers.common import write_profile
from tests.servers.ssrf import attacker_site, internal_server, spellings


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("::", "unspecified"),
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.1.1", "link_local"),
        ("fe80::1", "link_local"),
        ("100.64.0.1", "cgnat"),
        ("100.127.255.255", "cgnat"),
        ("fc00::1", "unique_local"),
        ("fd12:3456::1", "unique_local"),
        ("fec0::1", "site_local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("255.255.255.255", "broadcast"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.1", "reserved"),  # documentation
        ("198.18.0.1", "reserved"),  # benchmarking
        ("2001:db8::1", "reserved"),  # documentation
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "metadata"),
        ("::ffff:10.1.2.3", "private"),
        ("::127.0.0.1", "loopback"),  # IPv4-compatible
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::", "metadata"),
        ("93.184.216.34", None),
        ("8.8.8.8", None),
        ("100.63.255.255", None),
        ("172.32.0.1", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_classify_every_range(address, reason):
    assert classify(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F.0.0.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
        ("0251.0376.0251.0376", "169.254.169.254"),
        ("169.16689662", "169.254.169.254"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("::ffff:7f00:1", "::ffff:7f00:1"),
        ("[fe80::1%25eth0]", "fe80::1"),
        ("example.com", None),
        ("1.2.3.4.5", None),
        ("256.1.1.1", None),
        ("08.1.1.1", None),
        ("4294967296", None),
    ],
)
def test_parse_ip_every_spelling(host, address):
    ip = parse_ip(host)
    assert (str(ip) if ip else None) == address


def fake_resolver(table):
    def resolve(host):
        if host not in table:
            raise OSError(f"no such host {host}")
        return table[host]

    return resolve


RESOLVER = fake_resolver(
    {
        "news.example": ["93.184.216.34"],
        "intranet.example": ["10.0.0.5"],
        "metadata.example": ["169.254.169.254"],
        "mixed.example": ["93.184.216.34", "192.168.0.10"],
        "v6private.example": ["fd00::5"],
        "localhost": ["127.0.0.1", "::1"],
    }
)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://news.example/world/", None),
        ("http://news.example:8080/a?b=1", None),
        ("http://intranet.example/", "private"),
        ("http://metadata.example/latest/meta-data/", "metadata"),
        ("http://mixed.example/", "private"),  # one private answer is enough
        ("http://v6private.example/", "unique_local"),
        ("http://localhost:8080/", "loopback"),
        ("http://LOCALHOST./", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[::ffff:169.254.169.254]/", "metadata"),
        ("http://0xA9FEA9FE/", "metadata"),
        ("http://127.1:8000/", "loopback"),
        ("http://%31%32%37.0.0.1/", "loopback"),
        ("http://１２７.０.０.１/", "loopback"),  # full-width digits, NFKC
        ("http://user:pw@10.1.1.1/", "private"),
        ("http://100.100.100.200/", "cgnat"),  # Alibaba Cloud metadata
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://0.0.0.0:8000/", "unspecified"),
        ("http://224.0.0.251/", "multicast"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://news.example/", "scheme"),
        ("gopher://news.example/", "scheme"),
        ("data:text/html,hi", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("news.example/world/", "scheme"),
        ("http:///nohost", "bad_url"),
        ("http://unknown.example/", None),  # does not resolve: the download fails, as any DNS failure
    ],
)
def test_refusal_reasons(url, reason):
    assert refusal_reason(url, (), RESOLVER) == reason


def test_refusal_message_names_the_address_and_why():
    assert refusal("http://intranet.example/x", (), RESOLVER) == (
        "private: intranet.example resolves to a private address (10.0.0.5)"
    )
    assert refusal("http://0x7f.1/", ()) == "loopback: 0x7f.1 is a loopback address (127.0.0.1)"
    assert refusal("file:///etc/passwd", ()) == "scheme: scheme 'file' is not http or https"


def test_allowed_hosts_pass_by_name_and_by_canonical_ip_only():
    allow = ["127.0.0.1", "Intranet.Example."]
    assert refusal("http://127.0.0.1:8000/", allow, RESOLVER) is None
    assert refusal("http://127.1:8000/", allow, RESOLVER) is None  # the same address, spelled short
    assert refusal("http://intranet.example/", allow, RESOLVER) is None
    assert refusal_reason("http://127.0.0.2:8000/", allow, RESOLVER) == "loopback"
    assert refusal_reason("http://localhost:8000/", allow, RESOLVER) == "loopback"  # a name, not allowed
    assert refusal_reason("file:///etc/passwd", ["127.0.0.1", ""], RESOLVER) == "scheme"


def test_normalize_host():
    assert normalize_host("ExAmple.COM.") == "example.com"
    assert normalize_host("0x7f.1") == "127.0.0.1"
    assert normalize_host("[::1]") == "::1"


def test_no_resolver_checks_literals_only():
    assert refusal_reason("http://10.0.0.1/", (), None) == "private"
    assert refusal_reason("http://intranet.example/", (), None) is None


def test_guarded_resolver_refuses_a_blocked_answer_for_a_host_not_allowed():
    from twisted.internet.error import DNSLookupError

    from newscrawl.middlewares.guard import GuardedResolver

    resolver = GuardedResolver.__new__(GuardedResolver)
    resolver.allow_hosts = frozenset({"127.0.0.1"})
    assert resolver._check("93.184.216.34", "news.example") == "93.184.216.34"
    assert resolver._check("127.0.0.1", "127.0.0.1") == "127.0.0.1"
    with pytest.raises(DNSLookupError, match=r"rebind\.example resolves to a private address"):
        resolver._check("10.0.0.7", "rebind.example")


def test_ssrf_course_reaches_the_internal_service_zero_times(tmp_path):
    with internal_server() as internal, attacker_site(internal.port) as site:
        urls = spellings(internal.port)
        # allowed_domains lets every spelling past Scrapy's offsite filter: the guard alone must stop them
        hosts = sorted({h for u in urls.values() if (h := urlsplit(u).hostname)} - {"127.0.0.1"})
        profile = write_profile(tmp_path / "ssrf.toml", site.base_url, ["/list/"], allowed_domains=hosts)
        out = tmp_path / "out.jsonl"
        result = run_newscrawl(
            "crawl", str(profile), "--allow-host", "127.0.0.1", "-O", str(out),
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            "-s", "DOWNLOAD_TIMEOUT=3", cwd=tmp_path, timeout=60,
        )  # fmt: skip
        hits = sum(internal.hits.values())
    assert hits == 0, dict(internal.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["headline"] for r in records) == ["Headline number 1", "Headline number 2", "Headline number 3"]
    blocked = [line for line in result.stderr.splitlines() if "] WARNING: blocked " in line]
    for via in ("link", "redirect", "refresh"):
        for name, url in spellings(internal.port, via).items():
            if not url.startswith("http"):
                continue  # file: and ftp: links never reach the downloader (see test_guard_middleware_*)
            assert any(f"/{name}?via={via}" in line or url in line for line in blocked), (name, via)
    assert "INTERNAL SECRET" not in out.read_text() and "root:" not in out.read_text()


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://127.0.0.2/x", "scheme"),
        ("http://0x7f000002:8000/", "loopback"),
        ("http://169.254.169.254/latest/", "metadata"),
        ("http://127.0.0.1:8000/", None),
    ],
)
def test_guard_middleware_counts_and_refuses(url, key):
    from scrapy import Request, Spider
    from scrapy.exceptions import IgnoreRequest
    from scrapy.utils.test import get_crawler

    from newscrawl.middlewares.guard import AddressGuardMiddleware

    crawler = get_crawler(Spider, {"NEWSCRAWL_ALLOW_HOSTS": ["127.0.0.1"]})
    crawler.spider = crawler._create_spider("x")
    crawler.stats.open_spider()
    mw = AddressGuardMiddleware(crawler, resolver=RESOLVER)
    mw.spider_opened()
    coroutine = mw.process_request(Request(url))
    if key is None:
        with pytest.raises(StopIteration):
            coroutine.send(None)
        return
    with pytest.raises(IgnoreRequest, match="blocked by the address guard"):
        coroutine.send(None)
    assert crawler.stats.get_value(f"newscrawl/blocked/{key}") == 1
