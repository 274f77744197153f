"""Components a crawl does not use are not even imported (newscrawl/addons.py, lazy Redis imports)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.settings import Settings

from newscrawl.addons import LeaveOutSwitchedOff
from newscrawl.cli import _project_settings

COOKIES = "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"
REMOTE = "scrapy.extensions.remote_control.RemoteControl"


def _components(**switches: object) -> list[str]:
    settings: Settings = _project_settings()
    settings.setdict(switches, priority="cmdline")
    LeaveOutSwitchedOff().update_settings(settings)
    return [
        *settings.get_component_priority_dict_with_base("DOWNLOADER_MIDDLEWARES"),
        *settings.get_component_priority_dict_with_base("EXTENSIONS"),
    ]


def test_switched_off_components_are_left_out() -> None:
    components = _components()
    assert COOKIES not in components
    assert REMOTE not in components


@pytest.mark.parametrize(("switch", "component"), [("COOKIES_ENABLED", COOKIES), ("REMOTE_CONTROL_ENABLED", REMOTE)])
def test_a_switch_turned_on_keeps_its_component(switch: str, component: str) -> None:
    assert component in _components(**{switch: True})


def test_a_crawl_without_redis_imports_no_redis_aiohttp_or_tldextract() -> None:
    # every component a crawl loads, loaded as Scrapy does (the spider, the add-on, each component list)
    code = """
import sys
from newscrawl.addons import LeaveOutSwitchedOff
from newscrawl.cli import _project_settings
from newscrawl.spiders.news import NewsSpider
from scrapy.utils.misc import load_object
settings = _project_settings()
LeaveOutSwitchedOff().update_settings(settings)
for name in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES"):
    for path in settings.get_component_priority_dict_with_base(name):
        load_object(path)
print(sorted({m.split(".")[0] for m in sys.modules} & {"redis", "scrapy_redis", "aiohttp", "tldextract"}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
