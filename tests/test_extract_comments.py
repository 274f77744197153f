"""Reader-comment sections are left out before extraction: which containers, and what it changes."""

from __future__ import annotations

import json

import lxml.html
import pytest

from newscrawl.discovery.pages import classify_page
from newscrawl.extract import extract_article, parse_html
from newscrawl.extract.comments import comment_sections, without_comments

PROSE = (
    "The harbour board approved the new ferry timetable on Tuesday after a long debate about costs. "
    "Residents of the northern district had asked for earlier crossings for more than two years now. "
)


def _page(comments: str, ld_type: str = "NewsArticle") -> str:
    body = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(8))
    ld = json.dumps({"@context": "https://schema.org", "@type": ld_type, "headline": "Ferry timetable approved"})
    return (
        f'<html lang="en"><head><title>Ferry timetable approved</title><script type="application/ld+json">{ld}'
        '</script></head><body><article><h1>Ferry timetable approved</h1><p class="byline">By Jane Doe</p>'
        f'<time datetime="2025-03-04T10:00:00+00:00">4 March 2025</time><div class="entry-content">{body}</div>'
        f"</article>{comments}</body></html>"
    )


def _thread(n: int) -> str:
    items = "".join(
        f'<li class="comment"><div class="comment-author vcard"><a href="https://c{i}.example.net/">Commenter {i}'
        f'</a></div><div class="comment-metadata"><time datetime="2026-01-0{1 + i % 9}T10:00:00">Jan</time></div>'
        f'<div class="comment-content"><p>Comment {i}: the timetable is a disgrace, says commenter {i}.</p></div></li>'
        for i in range(n)
    )
    return f'<div id="comments" class="comments-area"><h2>{n} thoughts</h2><ol class="comment-list">{items}</ol></div>'


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<div id="comments"><div class="comment-body">x</div></div>', [("div", "comments")]),
        ('<section class="comments-wrapper">x</section>', [("section", "comments-wrapper")]),
        ('<div id="disqus_thread"></div><ul id="disqus_thread"></ul>', [("div", "disqus_thread")]),
        ('<ol class="commentlist"><li>x</li></ol>', [("ol", "commentlist")]),
        ('<div class="big post-comments">x</div>', [("div", "big post-comments")]),
        ('<div class="Comments">x</div><details id="comment-form">y</details>', [("div", "Comments"), ("details", "comment-form")]),
        # commentary is an article kind, not a thread; other tags and words elsewhere in the value are not evidence
        ('<div class="commentary">x</div><div id="Commentary">y</div><span class="comment">z</span>', []),
        ('<div class="article comments">x</div><article class="comment">y</article>', []),
    ],
)  # fmt: skip
def test_comment_sections(html: str, found: list[tuple[str, str]]) -> None:
    root = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    assert [(el.tag, el.get("id") or el.get("class")) for el in comment_sections(root)] == found


def test_only_the_outermost_container_and_tail_text_kept() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><p>Before</p><div id="comments"><div class="comment"><div class="comment-content">x'
        "</div></div></div>after the thread<p>End</p></body></html>"
    )
    assert [el.get("id") for el in comment_sections(root)] == ["comments"]
    pruned = without_comments(root)
    assert pruned is not root  # the caller's tree is not changed
    assert root.find(".//div") is not None
    assert pruned.find(".//div") is None
    assert " ".join(pruned.find("body").text_content().split()) == "Beforeafter the threadEnd"


def test_a_forum_thread_keeps_its_posts() -> None:
    ld = '{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Ferries"}'
    root = parse_html(
        f'<html><head><script type="application/ld+json">{ld}</script></head><body>{_thread(3)}</body></html>'
    )
    assert comment_sections(root) == []
    assert without_comments(root, in_place=True) is root
    assert root.find(".//ol") is not None


def test_a_page_without_comments_is_not_copied() -> None:
    root = parse_html(_page(""))
    assert without_comments(root) is root


def test_the_record_is_the_same_with_or_without_a_long_thread() -> None:
    url = "https://news.example/2025/03/04/ferry-timetable-approved/"
    plain = extract_article(_page(""), url)
    threaded_html = _page(_thread(300))
    threaded = extract_article(threaded_html, url)
    assert threaded == plain
    assert "Commenter" not in threaded["body"] and threaded["authors"] == ["Jane Doe"]
    assert threaded["published"] == "2025-03-04T10:00:00+00:00"
    # the shared tree the spider passes is left whole
    tree = parse_html(threaded_html)
    assert extract_article(tree=tree, url=url) == plain
    assert len(comment_sections(tree)) == 1


def test_article_detection_does_not_count_a_thread() -> None:
    # a reader's comment date is not the page's date: without structured data, the page needs its own
    url = "https://news.example/2025/03/04/ferry-timetable-approved/"
    body = "".join(f"<p>{PROSE}</p>" for _ in range(6))
    undated = f"<html><body><h1>Ferry timetable approved</h1><div>{body}</div>{_thread(5)}</body></html>"
    assert classify_page(parse_html(undated), url).reason == "no_date"
    dated = undated.replace("</h1>", '</h1><time datetime="2025-03-04">4 March</time>')
    assert classify_page(parse_html(dated), url).reason == "heuristic"
