"""Scrapy add-ons of every crawl (settings.ADDONS)."""

from __future__ import annotations

from scrapy.settings import BaseSettings

# (switch, component setting, component): Scrapy imports every component its settings name, a
# switched-off one too (the component turns itself off once built; Scrapy 2.19 even imports the
# ones set to None, to compare their paths), so these are taken out of Scrapy's base settings.
# Measured in a crawl process: the remote control imports aiohttp (+9.8 MB of RSS, ~0.2 s of
# start-up), the cookie middleware tldextract (+2.7 MB, ~0.08 s).
_SWITCHED_OFF = (
    ("COOKIES_ENABLED", "DOWNLOADER_MIDDLEWARES", "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"),
    ("REMOTE_CONTROL_ENABLED", "EXTENSIONS", "scrapy.extensions.remote_control.RemoteControl"),
    ("TELNETCONSOLE_ENABLED", "EXTENSIONS", "scrapy.extensions.telnet.TelnetConsole"),
)


class LeaveOutSwitchedOff:
    """Leaves out the components whose switch is off, once every setting is known (a profile's
    [settings] and ``-s`` included: a crawl that turns cookies on has them)."""

    def update_settings(self, settings: BaseSettings) -> None:
        for switch, name, component in _SWITCHED_OFF:
            if settings.getbool(switch):
                continue
            base = settings.getdict(f"{name}_BASE")
            if base.pop(component, None) is not None:
                settings.set(f"{name}_BASE", base, settings.getpriority(f"{name}_BASE") or 0)
