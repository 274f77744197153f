"""Tags the page shows: its links to tag and topic pages, for pages whose data names none."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.extract.dates import first_h1
from newscrawl.extract.text import clean_text

# A tag or topic archive's path, in the CMSs' and languages' usual words: /tag/x/, /tags/x,
# /topics/x, /thema/x, /schlagwort/x, /stichwort/x, /label/x (Blogger: /search/label/x), ...
_TAG_PATH = re.compile(
    r"/(?:tags?|topics?|themen|thema|schlagw(?:ort|oerter|örter|%c3%b6rter)e?|stichw(?:ort|oerter|örter|%c3%b6rter)e?"
    r"|keywords?|labels?|etiquetas?|tema|temi|argomenti|sujets?|mots?-cles?|onderwerpen?)/[^/?#]+/?(?:[?#]|$)"
    r"|/search/label/",
    re.IGNORECASE,
)
# Containers whose links are the site's, not the article's: menus, sidebars, tag clouds, footers.
_SITE_BOX = re.compile(r"sidebar|widget|menu|(?:^|[\s_-])nav|cloud|footer-widget|trending|popular|most-", re.IGNORECASE)
_SITE_TAGS = frozenset(("nav", "aside", "menu"))
_MAX_TAGS = 30


def _container(tree: Any, h1: Any) -> Any:
    """The article's element: the ``article``/``main`` holding the headline, else the body."""
    if h1 is not None:
        for anc in h1.iterancestors():
            if anc.tag in ("article", "main"):
                return anc
    return tree.find("body")


def _site_furniture(a: Any, stop: Any) -> bool:
    for anc in a.iterancestors():
        if anc is stop:
            return False
        if anc.tag in _SITE_TAGS or _SITE_BOX.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def shown_tags(tree: Any) -> list[str]:
    """The names of the tag and topic pages the article links (``rel="tag"`` or a tag archive's path),
    in page order, outside menus, sidebars and tag clouds."""
    h1 = first_h1(tree)
    box = _container(tree, h1)
    if box is None:
        return []
    names: list[str] = []
    seen: set[str] = set()
    # a topics bar above the headline is the site's; the article's tags follow its headline
    after = h1 is None
    for a in box.iter("a", "h1"):
        if not after:
            after = a is h1
            continue
        if a.tag != "a" or not a.get("href"):
            continue
        rel = (a.get("rel") or "").lower().split()
        if "category" in rel:
            continue  # WordPress' category links: the section, not a tag
        if "tag" not in rel and not _TAG_PATH.search(a.get("href", "")):
            continue
        name = clean_text(a.text_content()).lstrip("#")
        if not name or len(name) > 60 or name.isdigit() or name.lower() in seen or _site_furniture(a, box):
            continue
        seen.add(name.lower())
        names.append(name)
        if len(names) >= _MAX_TAGS:
            break
    return names
