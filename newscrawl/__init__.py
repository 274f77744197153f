"""newscrawl: news sites to clean, deduplicated article records in JSON Lines."""

__version__ = "0.1.0"
