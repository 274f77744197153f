"""The one settings module. Per-site values come from a profile's [settings] table, per-run
values from ``-s NAME=VALUE``; both override these."""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
ADDONS: dict[str, int] = {}

# Politeness: defaults for crawling other people's servers.
ROBOTSTXT_OBEY = True
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Limits that fit news pages (Scrapy's defaults: 1 GiB responses, 180 s timeouts).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 3
REDIRECT_MAX_TIMES = 5

# Not needed for news pages; off for speed.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

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
}
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformatter.ShortLogFormatter"

# newscrawl's own settings.
NEWSCRAWL_OUTPUT = ""  # JSON Lines file; empty: output/<site>/<UTC timestamp>.jsonl under the current folder
NEWSCRAWL_OUTPUT_OVERWRITE = False  # False appends (repairing a torn last line first), True truncates
NEWSCRAWL_PROGRESS_INTERVAL = 10.0  # seconds between progress lines; 0 turns them off
NEWSCRAWL_ALLOW_HOSTS: list[str] = []  # hosts the address guard lets through (loopback demo, tests)
NEWSCRAWL_MIN_BODY_WORDS = 20  # a shorter body is not an article record (counted as dropped)
NEWSCRAWL_STATE = ""  # state store (SQLite); empty: output/.state/<site>.sqlite under the current folder
NEWSCRAWL_STATE_ENABLED = True  # False: a stateless run (dedupe within the run only)
NEWSCRAWL_STOP_AT_KNOWN = True  # stop a section's paging at a listing page whose articles are all known
NEWSCRAWL_REFRESH_DAYS = 0.0  # re-fetch known articles published in the last N days; emit changed ones again
NEWSCRAWL_DUPLICATES = "drop"  # same or near-same body under another URL: "drop" or "mark" (duplicate_of)
NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD = 0.8  # estimated Jaccard similarity of body 3-word shingles
