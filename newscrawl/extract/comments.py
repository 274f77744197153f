"""Reader-comment sections: found by the evidence trafilatura itself uses, and left out before extraction.

No record field comes from reader comments, and trafilatura (comments off) deletes these same
containers as its first step. On a blog post with hundreds of comments they are most of the page:
leaving them out once, before anything else reads the tree, makes every later pass (structured
data, the class/id index, article detection, bylines, dates, trafilatura's own XPaths and copies)
work on the article instead of the thread (docs/performance.md).

The rule is trafilatura 2.3's ``REMOVE_COMMENTS_AND_LISTS_XPATH``: a ``div``, ``section``,
``details``, ``ol`` or ``ul`` whose id starts with comment (not commentary), comol, disqus_thread or
dsq-comments (those two not on lists), or whose class starts with comment (not commentary) or has
article-comments / post-comments. trafilatura runs it with lxml's regular-expression extension,
a Python call per element (and the same test in plain XPath 1.0 is no faster: ~13 ms on a page
of 3,000 elements); here one walk over those five tags tests id and class with the same
expressions, and skips what lies inside a container found (~1 ms). Like trafilatura, a forum thread (JSON-LD ``DiscussionForumPosting``) keeps them: its
comments are the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any
from weakref import WeakSet

_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_LIST_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")
_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")
_TAGS = ("div", "section", "details", "ol", "ul")
_FORUM = re.compile(r'"@type"\s*:\s*"DiscussionForumPosting"|"@type"\s*:\s*\[[^\]]*"DiscussionForumPosting"')


def _forum(root: Any) -> bool:
    return any(
        script.text and _FORUM.search(script.text) for script in root.iterfind('.//script[@type="application/ld+json"]')
    )


def comment_sections(root: Any) -> list[Any]:
    """The outermost reader-comment containers of a page, in document order ([] on a forum thread)."""
    found: list[Any] = []
    elements: Iterator[Any] = root.iter(_TAGS)
    while True:
        for el in elements:
            ident, cls = el.get("id"), el.get("class")
            if not (ident or cls):
                continue
            if (cls and _CLASS.search(cls)) or (ident and (_LIST_ID if el.tag in ("ol", "ul") else _ID).search(ident)):
                found.append(el)
                # its own divs, lists, ... are left unexamined: the walk goes on after it
                elements = _after(el, root)
                break
        else:
            break
    return found if found and not _forum(root) else []


def _after(el: Any, root: Any) -> Iterator[Any]:
    """The divs, sections, ... that follow ``el``'s subtree in ``root``, in document order. (Counting
    the ones inside it to skip them cost half a millisecond on a post with a long thread.)"""
    node = el
    while node is not None and node is not root:
        for sibling in node.itersiblings():
            yield from sibling.iter(_TAGS)
        node = node.getparent()


def _delete(el: Any) -> None:
    """Remove ``el`` and its subtree; its tail text stays, as trafilatura's ``delete_element`` keeps it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def without_comments(root: Any, in_place: bool = False) -> Any:
    """``root`` without its reader-comment sections: ``root`` itself when it has none (or ``in_place``),
    else a pruned copy (the caller's tree is left as it is)."""
    if root in _WITHOUT:
        return root
    sections = comment_sections(root)
    if sections:
        if not in_place:
            root = deepcopy(root)
            sections = comment_sections(root)
        for el in sections:
            _delete(el)
    _WITHOUT.add(root)
    return root


# Trees known to have no comment sections (any left out already): the extraction worker, article
# detection and extract_article each ask for the same page. Weak: a tree is never kept alive here.
_WITHOUT: WeakSet[Any] = WeakSet()
