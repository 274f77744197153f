import json
from contextlib import contextmanager
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import Article, RelatedLink
from newscrawl.jsonl import repair_torn_tail
from newscrawl.pipelines.dedupe import DedupePipeline
from newscrawl.pipelines.normalize import NormalizePipeline, content_hash
from newscrawl.pipelines.output import JsonLinesPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.spiders.news import NewsSpider

BODY = "One two three four five six seven eight nine ten.\n\nEleven twelve thirteen fourteen fifteen sixteen."


def article(**fields) -> Article:
    values = {"url": "https://news.example/a/?utm_source=x", "headline": "A headline", "body": BODY}
    values.update(fields)
    return Article(**values)


def crawler(**settings):
    return get_crawler(settings_dict={"NEWSCRAWL_MIN_BODY_WORDS": 5, **settings})


def test_normalize_sets_canonical_url_word_count_hash_and_time():
    pipe = NormalizePipeline.from_crawler(crawler())
    item = pipe.process_item(article(canonical_url="HTTPS://News.Example/a/?b=2&a=1&fbclid=z#top"))
    assert item.canonical_url == "https://news.example/a/?a=1&b=2"
    assert item.word_count == 16
    assert item.content_hash == content_hash(BODY) and len(item.content_hash) == 64
    assert item.crawled_at and item.crawled_at.endswith("+00:00")
    fallback = pipe.process_item(article())
    assert fallback.canonical_url == "https://news.example/a/"


def test_content_hash_ignores_layout_but_not_words():
    assert content_hash("A  b\n\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


@contextmanager
def chain(c):
    """normalize -> dedupe -> output, as in a crawl: what output writes, dedupe knows."""
    pipes = [cls.from_crawler(c) for cls in (NormalizePipeline, DedupePipeline, JsonLinesPipeline)]
    for pipe in pipes[1:]:
        pipe.open_spider()

    def run(item: Article) -> Article:
        for pipe in pipes:
            item = pipe.process_item(item)
        return item

    try:
        yield run
    finally:
        pipes[-1].close_spider()
        c._newscrawl_state.close()


WORDS = " ".join(f"word{i}" for i in range(120))


def test_dedupe_drops_a_second_record_of_the_same_canonical_url(tmp_path: Path):
    c = crawler(NEWSCRAWL_OUTPUT=str(tmp_path / "o.jsonl"))
    with chain(c) as run:
        run(article(canonical_url="https://news.example/a/"))
        with pytest.raises(DropItem, match="duplicate"):
            run(article(url="https://news.example/a/?amp=1", canonical_url="https://news.example/a/", body=WORDS))
        run(article(url="https://news.example/b/", body=WORDS))
        assert c.stats.get_value("newscrawl/duplicates/canonical_url") == 1
        assert c.stats.get_value("newscrawl/written") == 2


@pytest.mark.parametrize(("mode", "body_b"), [("drop", BODY), ("mark", BODY), ("drop", WORDS + "!"), ("mark", WORDS)])
def test_dedupe_same_or_near_same_body_under_another_url(tmp_path: Path, mode: str, body_b: str):
    c = crawler(NEWSCRAWL_OUTPUT=str(tmp_path / "o.jsonl"), NEWSCRAWL_DUPLICATES=mode)
    with chain(c) as run:
        body_a = BODY if body_b == BODY else WORDS.replace("word60", "changed")
        run(article(url="https://news.example/a/", body=body_a))
        kind = "content_hash" if body_b == BODY else "near"
        copy = article(url="https://wire.example/copy/", body=body_b)
        if mode == "drop":
            with pytest.raises(DropItem, match="duplicate"):
                run(copy)
            assert c.stats.get_value(f"newscrawl/duplicates/{kind}") == 1
        else:
            assert run(copy).duplicate_of == "https://news.example/a/"
            assert c.stats.get_value(f"newscrawl/duplicates_marked/{kind}") == 1
        run(article(url="https://news.example/other/", body="An entirely different story " * 10))
        assert c.stats.get_value("newscrawl/written") == (2 if mode == "drop" else 3)


def test_dedupe_lets_a_refreshed_changed_article_through_as_its_next_revision(tmp_path: Path):
    c = crawler(NEWSCRAWL_OUTPUT=str(tmp_path / "o.jsonl"))
    c.spider = NewsSpider(target="demo")
    with chain(c) as run:
        first = run(article(url="https://news.example/a/", body=WORDS))
        assert (first.revision, first.modified) == (1, None)
        with pytest.raises(DropItem, match="duplicate"):
            run(article(url="https://news.example/a/", body=WORDS + " Changed, but not asked for."))
        c.spider.refreshing.add("https://news.example/a/")
        with pytest.raises(DropItem, match="unchanged"):
            run(article(url="https://news.example/a/", body=WORDS))
        second = run(article(url="https://news.example/a/", body=WORDS + " Correction: a fix."))
        assert second.revision == 2 and second.modified == second.crawled_at
        third = run(article(url="https://news.example/a/", body=WORDS + " Correction: another fix."))
        assert third.revision == 3
    assert c.stats.get_value("newscrawl/refresh/updated") == 2
    assert c.stats.get_value("newscrawl/refresh/unchanged") == 1


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"headline": None}, "no_headline"),
        ({"body": ""}, "no_body"),
        ({"body": "too short", "word_count": 2}, "body_too_short"),
    ],
)
def test_validate_drops_unusable_items_with_reason(fields, reason):
    c = crawler()
    pipe = ValidatePipeline.from_crawler(c)
    pipe.open_spider()
    with pytest.raises(DropItem, match=reason):
        pipe.process_item(article(**{"word_count": 16, **fields}))
    assert c.stats.get_value(f"newscrawl/dropped/{reason}") == 1
    assert c.stats.get_value("newscrawl/validated") is None


def test_validate_counts_field_coverage():
    c = crawler()
    pipe = ValidatePipeline.from_crawler(c)
    pipe.open_spider()
    pipe.process_item(article(word_count=16, authors=["A"], published="2026-01-01"))
    pipe.process_item(article(word_count=16, authors=[]))
    assert c.stats.get_value("newscrawl/validated") == 2
    assert c.stats.get_value("newscrawl/coverage/headline") == 2
    assert c.stats.get_value("newscrawl/coverage/authors") == 1
    assert c.stats.get_value("newscrawl/coverage/published") == 1
    assert c.stats.get_value("newscrawl/coverage/image") is None


def test_output_writes_one_json_line_per_item_in_field_order(tmp_path: Path):
    out = tmp_path / "sub" / "out.jsonl"
    c = crawler(NEWSCRAWL_OUTPUT=str(out))
    pipe = JsonLinesPipeline.from_crawler(c)
    pipe.open_spider()
    pipe.process_item(
        article(headline="Ünïcode “quotes”", related=[RelatedLink(url="https://n.example/r/", title="R")])
    )
    pipe.process_item(article(url="https://news.example/b/"))
    # each line reaches the file as it is written, before the pipeline closes
    lines = out.read_text(encoding="utf-8").splitlines()
    pipe.close_spider()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == list(Article.__dataclass_fields__)
    assert first["headline"] == "Ünïcode “quotes”"
    assert first["related"] == [{"url": "https://n.example/r/", "title": "R", "teaser": None}]
    assert c.stats.get_value("newscrawl/written") == 2
    assert c.stats.get_value("newscrawl/output") == str(out)


def test_output_appends_after_repairing_a_torn_line(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"url": "https://x/1"}\n{"url": "https://x/2", "head')
    c = crawler(NEWSCRAWL_OUTPUT=str(out))
    pipe = JsonLinesPipeline.from_crawler(c)
    pipe.open_spider()
    pipe.process_item(article())
    pipe.close_spider()
    lines = out.read_text().splitlines()
    assert [json.loads(line)["url"] for line in lines] == ["https://x/1", "https://news.example/a/?utm_source=x"]
    assert c.stats.get_value("newscrawl/output_repaired_bytes") == len(b'{"url": "https://x/2", "head')


def test_output_overwrite_truncates(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"old": 1}\n')
    pipe = JsonLinesPipeline.from_crawler(crawler(NEWSCRAWL_OUTPUT=str(out), NEWSCRAWL_OUTPUT_OVERWRITE=True))
    pipe.open_spider()
    pipe.close_spider()
    assert out.read_bytes() == b""


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", b""), (b"a\n", b"a\n"), (b"torn", b""), (b"a\nb\ntor", b"a\nb\n"), (b"x" * 200_000, b""),
     (b"a\n" + b"y" * 100_000, b"a\n")],
)  # fmt: skip
def test_repair_torn_tail(tmp_path: Path, content: bytes, expected: bytes):
    path = tmp_path / "f.jsonl"
    path.write_bytes(content)
    assert repair_torn_tail(path) == len(content) - len(expected)
    assert path.read_bytes() == expected
