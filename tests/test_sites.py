from pathlib import Path

import pytest

from newscrawl import sites

GOOD = """
name = "Example"
base_url = "https://www.example.com"
sections = ["/world/"]
[listing]
article_links = "h2 a::attr(href)"
[article]
headline = "h1"
[article.related]
item = "aside li"
url = "a::attr(href)"
title = "a"
[coverage_floors]
authors = 0.9
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_profile_loads():
    assert "demo" in sites.available()
    for key in sites.available():
        profile = sites.load(key)
        assert profile.key == key and profile.sections


def test_valid_profile_and_base_url_swap(tmp_path):
    profile = sites.load(str(write(tmp_path, GOOD)))
    assert profile.key == "example"
    assert profile.section_urls == ["https://www.example.com/world/"]
    assert profile.related == {"item": "aside li", "url": "a::attr(href)", "title": "a"}
    moved = profile.with_base_url("http://127.0.0.1:8123")
    assert moved.section_urls == ["http://127.0.0.1:8123/world/"]
    assert moved.domains == ["127.0.0.1"]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('name = "Example"\n', ""), "name"),
        (("https://www.example.com", "ftp://x"), "base_url"),
        (('sections = ["/world/"]', "sections = []"), "sections"),
        (("[listing]\n", '[listing]\nnext = "a"\n'), "listing.next"),
        (('headline = "h1"', 'headline = "h1[["'), "article.headline"),
        (('headline = "h1"', 'headline = "xpath://h1["'), "article.headline"),
        (('headline = "h1"', "headline = 3"), "article.headline"),
        (('title = "a"\n', ""), "article.related"),
        (("authors = 0.9", "authors = 2"), "coverage_floors.authors"),
        (("name =", "colour = 1\nname ="), "colour"),
    ],
)
def test_invalid_profile_error_names_file_and_key(tmp_path, change, key):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(sites.ProfileError) as err:
        sites.load_file(path)
    assert str(path) in str(err.value)
    assert f"key {key!r}" in str(err.value)


def test_broken_toml_and_unknown_key(tmp_path):
    with pytest.raises(sites.ProfileError, match="cannot read profile"):
        sites.load_file(write(tmp_path, "name = "))
    with pytest.raises(sites.ProfileError, match=r"unknown site profile 'nope'; known: .*demo"):
        sites.load("nope")
    with pytest.raises(sites.ProfileError, match="unknown site profile"):
        sites.load("../etc/passwd")
    with pytest.raises(sites.ProfileError, match=r"nope\.toml: no such profile file"):
        sites.load(str(tmp_path / "nope.toml"))
