"""The one settings module. Per-site values come from a profile's [settings] table, per-run
values from ``-s NAME=VALUE``; both override these."""

import os

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
ADDONS = {"newscrawl.addons.LeaveOutSwitchedOff": 0}  # switched-off components are not even imported

# Politeness and limits: docs/hardening.md says why each value. A profile's [settings] or -s override them.
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "newscrawl"  # the token robots.txt rules name
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
NEWSCRAWL_CONTACT = ""  # your URL or e-mail, added to the User-Agent: let site operators reach you
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5  # the floor AutoThrottle never goes under
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
NEWSCRAWL_MAX_CRAWL_DELAY = 30.0  # robots.txt Crawl-delay honoured up to this many seconds
NEWSCRAWL_ROBOTSTXT_MAXSIZE = 512 * 1024  # read this much robots.txt, ignore the rest (RFC 9309: >= 500 KiB)
DOWNLOAD_TIMEOUT = 30  # a whole download, slow drip included (Scrapy: 180 s, and a 3-minute graceful stop)
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # also caps decompression: a 2.4 KB Brotli bomb stops here
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True  # a body cut short is an error (retried), never a record
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 4  # 5 attempts: a page on a server failing 20% of requests is lost once in 3,000
NEWSCRAWL_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubled each time (+-25%)
NEWSCRAWL_RETRY_BACKOFF_MAX = 30.0
NEWSCRAWL_RETRY_AFTER_MAX = 60.0  # a longer Retry-After on 429/503 gives the URL up
NEWSCRAWL_RETRY_TIMEOUTS = 2  # timeouts retried at most twice: 3 x 30 s
NEWSCRAWL_RETRY_BUDGET = 120.0  # no retry starts later than this after a URL's first attempt
NEWSCRAWL_MAX_NESTING = 1000  # deeper HTML is refused (libxml2 drops everything past 2,045 levels)
NEWSCRAWL_MAX_LINKS_PER_PAGE = 10_000  # a page with more <a> tags is refused before parsing
NEWSCRAWL_MAX_REQUESTS_PER_PAGE = 1000  # links followed from one page; the rest are counted
TWISTED_DNS_RESOLVER = "newscrawl.middlewares.guard.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.warc.WarcReplayMiddleware": 30,  # an archived answer: no guard, no network
    "newscrawl.middlewares.guard.AddressGuardMiddleware": 40,  # first: a refused host is never contacted
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.robots.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "newscrawl.middlewares.useragent.UserAgentMiddleware": 500,
    "newscrawl.middlewares.responses.ResponseCheckMiddleware": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.retry.RetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.redirect.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newscrawl.middlewares.compression.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.middlewares.redirect.RedirectMiddleware": 600,
    "newscrawl.middlewares.warc.WarcWriterMiddleware": 950,  # next to the download: responses as received
}
SPIDER_MIDDLEWARES = {
    "newscrawl.middlewares.links.RequestCapMiddleware": 950,
    "newscrawl.distributed.InflightMiddleware": 10,  # distributed crawls only; last before the engine
}

# Not needed for news pages; off for speed.
CONCURRENT_ITEMS = 8  # Scrapy's 100 starts 101 asyncio tasks per response (0.6 ms); callbacks yield few items
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19's code-execution endpoint on 127.0.0.1, on by default

ITEM_PIPELINES = {
    "newscrawl.pipelines.normalize.NormalizePipeline": 100,
    "newscrawl.pipelines.dedupe.DedupePipeline": 200,
    "newscrawl.pipelines.validate.ValidatePipeline": 300,
    "newscrawl.pipelines.output.JsonLinesPipeline": 900,
}
EXTENSIONS = {
    "scrapy.extensions.logstats.LogStats": None,
    "newscrawl.progress.Progress": 500,
    "newscrawl.summary.RunSummary": 600,
    "newscrawl.distributed.Worker": 700,
}
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.ShortLogFormatter"

# newscrawl's own settings.
NEWSCRAWL_OUTPUT = ""  # JSON Lines file; empty: output/<site>/<UTC timestamp>.jsonl under the current folder
NEWSCRAWL_OUTPUT_OVERWRITE = False  # False appends (repairing a torn last line first), True truncates
NEWSCRAWL_PROGRESS_INTERVAL = 10.0  # seconds between progress lines; 0 turns them off
NEWSCRAWL_ALLOW_HOSTS: list[str] = []  # hosts the address guard lets through (loopback demo, tests)
NEWSCRAWL_EXTRACT_PROCESSES = 0  # extract_article worker processes; 0: none; "auto": one per core (--fast)
NEWSCRAWL_MIN_BODY_WORDS = 20  # a shorter body is not an article record (counted as dropped)
NEWSCRAWL_STATE = ""  # state store (SQLite); empty: output/.state/<site>.sqlite under the current folder
NEWSCRAWL_STATE_ENABLED = True  # False: a stateless run (dedupe within the run only)
NEWSCRAWL_STOP_AT_KNOWN = True  # stop a section's paging at a listing page whose articles are all known
NEWSCRAWL_REFRESH_DAYS = 0.0  # re-fetch known articles published in the last N days; emit changed ones again
NEWSCRAWL_DUPLICATES = "drop"  # same or near-same body under another URL: "drop" or "mark" (duplicate_of)
NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard similarity of body 3-word shingles
# Discovery bounds for sites without a profile (docs/discovery.md).
NEWSCRAWL_SECTION_MAX_PAGES = 100  # listing pages per section when --max-pages is not given
NEWSCRAWL_CALENDAR_MAX_PAGES = 10  # pages of a calendar-shaped listing (dates in its URLs)
NEWSCRAWL_DISCOVERY_DEPTH = 2  # section hops from the home page (home 0, its sections 1, ...)
NEWSCRAWL_MAX_SECTIONS = 50  # sections a whole-site crawl reads
NEWSCRAWL_MAX_SITEMAPS = 200  # sitemap files read (indexes included)
# Archives (docs/operations.md): crawl --warc DIR, crawl --replay DIR, newscrawl archive.
NEWSCRAWL_WARC_DIR = ""  # write every fetch to WARC files here; empty: no archive
NEWSCRAWL_WARC_MAX_SIZE = 1024**3  # a WARC file is closed at this size and the next begun (Common Crawl: 1 GB)
NEWSCRAWL_WARC_GZIP_LEVEL = 6  # per-record gzip; 1 is 3x cheaper in CPU for 15% more bytes (docs/operations.md)
NEWSCRAWL_REPLAY_DIR = ""  # answer every request from the WARC files here, with no network

# `newscrawl crawl --fast`: for servers you own or mirror (docs/performance.md). Applied over the
# profile's [settings]; -s still overrides. robots.txt (and its Crawl-delay) is still obeyed.
NEWSCRAWL_FAST_SETTINGS = {
    "CONCURRENT_REQUESTS": 16,  # a crawl of a near server is CPU-bound: more only holds more pages in memory
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 1_000_000,  # parsed pages waiting for the spider (Scrapy: 5 MB, ~50 pages)
    "NEWSCRAWL_EXTRACT_PROCESSES": "auto",  # one worker per core: the crawl process shares them (docs/performance.md)
}
# Distributed crawls on scrapy-redis (docs/distributed.md).
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL", "")  # redis://host:port/db; empty: one process
NEWSCRAWL_REDIS_PREFIX = "newscrawl"  # every key is <prefix>:<site>:...
NEWSCRAWL_REDIS_IDLE_SECONDS = 10.0  # a worker stops once the whole crawl has been quiet this long
NEWSCRAWL_REDIS_HEARTBEAT_TTL = 15.0  # a worker silent this long is gone: its in-flight requests are requeued
NEWSCRAWL_REDIS_SESSION_TTL = 86_400  # the shared queue and dupefilter expire this long after the last worker stops
# Redis state forgets articles neither written nor listed this long; SQLite state forgets the MinHash
# signatures of articles not written this long (near-duplicates are looked for among newer ones)
NEWSCRAWL_STATE_RETENTION_DAYS = 180.0
