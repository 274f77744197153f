from scrapy.http import HtmlResponse

from newscrawl.items import Article, RelatedLink
from newscrawl.loaders import ArticleLoader
from newscrawl.sites.select import select

PAGE = b"""<html><body>
<h1 class="t">  Rates &amp; rents:\n a   tale </h1>
<p class="by">By Ana Ruiz, Li Wei and Tom Baker (Reuters)</p>
<time datetime="2026-03-04T10:15:00+01:00">4 March 2026</time>
<div class="story"><p>First <em>para</em>graph.</p><p>  </p><h2>Sub</h2><p>Second&nbsp;one.</p>
<script>var x = "not text";</script></div>
<img class="lead" src="/img/a.jpg">
</body></html>"""


def response() -> HtmlResponse:
    return HtmlResponse("https://news.example/world/a/", body=PAGE, encoding="utf-8")


def test_select_reads_elements_as_whole_text_and_strings_as_they_are():
    sel = response().selector
    assert select(sel, "h1.t") == ["Rates & rents: a tale"]
    assert select(sel, "div.story > *") == ["First paragraph.", "Sub", "Second one."]
    assert select(sel, "time::attr(datetime)") == ["2026-03-04T10:15:00+01:00"]
    assert select(sel, "xpath://p[@class='by']/text()") == ["By Ana Ruiz, Li Wei and Tom Baker (Reuters)"]
    assert select(sel, "div.story") == ["First paragraph. Sub Second one."]


def test_loader_processors():
    resp = response()
    loader = ArticleLoader(response=resp)
    loader.add_value("url", resp.url)
    loader.add_value("headline", select(resp.selector, "h1.t"))
    loader.add_value("body", select(resp.selector, "div.story > *"))
    loader.add_value("authors", select(resp.selector, "p.by"))
    loader.add_value("byline", select(resp.selector, "p.by"))
    loader.add_value("published", select(resp.selector, "time::attr(datetime)"))
    loader.add_value("modified", ["4 March 2026"])
    loader.add_value("image", select(resp.selector, "img.lead::attr(src)"))
    loader.add_value("tags", ["Economy", " economy ", "Economy", "Housing"])
    loader.add_value("related", [RelatedLink(url="https://news.example/b/", title="B", teaser=None)])
    item = loader.load_item()
    assert isinstance(item, Article)
    assert item.headline == "Rates & rents: a tale"
    assert item.body == "First paragraph.\n\nSub\n\nSecond one."
    assert item.authors == ["Ana Ruiz", "Li Wei", "Tom Baker", "Reuters"]
    assert item.byline == "By Ana Ruiz, Li Wei and Tom Baker (Reuters)"
    assert item.published == "2026-03-04T10:15:00+01:00"
    assert item.modified == "2026-03-04"
    assert item.image == "https://news.example/img/a.jpg"
    assert item.tags == ["Economy", "economy", "Housing"]
    assert item.related == [RelatedLink(url="https://news.example/b/", title="B", teaser=None)]


def test_loader_leaves_absent_fields_empty():
    item = ArticleLoader(response=response()).load_item()
    assert item.headline is None and item.authors == [] and item.related == [] and item.published is None
