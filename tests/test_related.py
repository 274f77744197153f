"""Related links on HTML we write ourselves: one test per layout family, and what must be left out."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article

URL = "https://news.example.org/2024/05/river-floods-lower-town/"
TEXT = (
    "Water rose above the old quay wall on Tuesday night and reached the market square before dawn, "
    "while volunteers carried sandbags from the depot to the doors of the lower town."
)


def page(content: str, after: str = "", chrome: bool = True) -> str:
    nav = (
        '<header class="site-header"><nav class="main-navigation"><ul>'
        '<li><a href="/world/">World news and analysis from our desk</a></li>'
        '<li><a href="/2024/05/council-budget-approved/">Council approves the budget for next year</a></li>'
        "</ul></nav></header>"
        if chrome
        else ""
    )
    footer = (
        '<footer class="site-footer"><ul><li><a href="/2024/01/about-our-newsroom-and-its-staff/">'
        "About our newsroom and its staff</a></li></ul></footer>"
        if chrome
        else ""
    )
    return (
        f"<html><head><title>River floods the lower town</title></head><body>{nav}<main><article>"
        f"<h1>River floods the lower town</h1><div class='entry-content'><p>{TEXT}</p>{content}<p>{TEXT}</p>"
        f"<p>{TEXT}</p></div>{after}</article></main>{footer}</body></html>"
    )


def related(html: str, url: str = URL) -> list[dict[str, str | None]]:
    out = extract_article(html, url, fields=("related",))
    return out["related"]


def urls(html: str) -> list[str]:
    return [link["url"] or "" for link in related(html)]


A = "https://news.example.org/2024/05/dikes-hold-after-a-night-of-rain/"
B = "https://news.example.org/2024/04/harvest-at-risk-as-fields-stay-wet/"
C = "https://news.example.org/2024/03/ferry-service-suspended-for-a-week/"


def test_jetpack_related_posts() -> None:
    posts = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n} jp-relatedposts-post-thumbs">'
        f'<a class="jp-relatedposts-post-a" href="{u}?relatedposts_hit=1&amp;relatedposts_origin=7&amp;'
        f'relatedposts_position={n}"><img class="jp-relatedposts-post-img" src="/i/{n}.jpg" alt=""></a>'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{u}?relatedposts_hit=1">'
        f"{t}</a></h4><p class='jp-relatedposts-post-excerpt'>Engineers checked every section overnight.</p>"
        f'<p class="jp-relatedposts-post-date">May 3, 2024</p><p class="jp-relatedposts-post-context">In "News"</p>'
        "</div>"
        for n, (u, t) in enumerate([(A, "Dikes hold after a night of rain"), (B, "Harvest at risk as fields stay wet")])
    )
    block = (
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em>'
        f'</h3><div class="jp-relatedposts-items jp-relatedposts-items-visual">{posts}</div></div>'
    )
    assert related(page(block)) == [
        {"url": A, "title": "Dikes hold after a night of rain", "teaser": "Engineers checked every section overnight."},
        {
            "url": B,
            "title": "Harvest at risk as fields stay wet",
            "teaser": "Engineers checked every section overnight.",
        },
    ]


def test_yarpp_list() -> None:
    block = (
        "<div class='yarpp yarpp-related yarpp-related-website yarpp-template-list'><h3>Related posts:</h3><ol>"
        f'<li><a href="{A}" rel="bookmark" title="Dikes hold">Dikes hold after a night of rain</a></li>'
        f'<li><a href="{B}" rel="bookmark">Harvest at risk as fields stay wet</a></li></ol></div>'
    )
    assert urls(page("", after=block)) == [A, B]


def test_contextual_related_posts() -> None:
    block = (
        '<div class="crp_related crp-rounded-thumbs"><h3>Related Posts:</h3><ul>'
        f'<li><a href="{A}" class="crp_link post-12"><figure><img src="/a.jpg" alt=""></figure>'
        '<span class="crp_title">Dikes hold after a night of rain</span></a></li>'
        f'<li><a href="{C}" class="crp_link post-9"><span class="crp_title">Ferry service suspended for a week'
        '</span></a></li></ul><div class="crp_clear"></div></div>'
    )
    assert urls(page("", after=block)) == [A, C]


def test_block_theme_query_loop_under_a_related_heading() -> None:
    block = (
        '<div class="wp-block-group"><h2 class="wp-block-heading">Related posts</h2><div class="wp-block-query">'
        '<ul class="wp-block-post-template is-layout-flow">'
        f'<li class="wp-block-post post-12"><h3 class="wp-block-post-title"><a href="{B}">Harvest at risk as fields '
        'stay wet</a></h3><div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Growers wait '
        "for the water to drain from the lowest fields.</p></div></li>"
        f'<li class="wp-block-post post-9"><h3 class="wp-block-post-title"><a href="{C}">Ferry service suspended '
        "for a week</a></h3></li></ul></div></div>"
    )
    got = related(page("", after=block))
    assert [link["url"] for link in got] == [B, C]
    assert got[0]["teaser"] == "Growers wait for the water to drain from the lowest fields."


@pytest.mark.parametrize("heading", ["Read more", "More on this story", "Mehr zum Thema", "À lire aussi", "関連記事"])
def test_news_cms_rail_under_a_heading(heading: str) -> None:
    block = (
        f'<section class="c-rail"><div class="c-rail__head"><h2>{heading}</h2></div><div class="c-rail__items">'
        f'<article class="c-card"><a href="{A}"><h3>Dikes hold after a night of rain</h3></a></article>'
        f'<article class="c-card"><a href="{B}"><h3>Harvest at risk as fields stay wet</h3></a></article>'
        "</div></section>"
    )
    assert urls(page("", after=block)) == [A, B]


@pytest.mark.parametrize(
    "label",
    ["READ MORE:", "Lesen Sie auch:", "À lire aussi", "Lee también:", "Leggi anche:", "Les også:", "Read also:"],
)
def test_inline_label_in_the_text(label: str) -> None:
    inline = f'<p><strong>{label}</strong> <a href="{C}">Ferry service suspended for a week</a></p>'
    assert urls(page(inline)) == [C]


def test_drupal_read_more_block_and_teaser_read_more_links() -> None:
    teaser = (
        '<aside class="region-sidebar"><div class="node node--type-article node--view-mode-teaser"><h2><a href="'
        f'{C}">Ferry service suspended for a week</a></h2><ul class="links inline"><li class="node-readmore">'
        f'<a href="{C}">Read more<span class="visually-hidden"> about Ferry service suspended for a week</span></a>'
        "</li></ul></div></aside>"
    )
    block = (
        '<div class="block block-views block-views-blockread-more-block-1"><h2 class="block-title">Read more</h2>'
        '<div class="view-content"><div class="views-row"><div class="views-field views-field-title">'
        f'<span class="field-content"><a href="{A}" hreflang="en">Dikes hold after a night of rain</a></span>'
        '</div></div><div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{B}" hreflang="en">Harvest at risk as fields stay wet</a></span></div></div></div></div>'
    )
    assert urls(page("", after=block + teaser)) == [A, B]


def test_drupal_related_field_in_a_promoted_node() -> None:
    # "node--promoted" is Drupal's "promoted to the front page", not an advertisement
    field = (
        '<div class="field field--name-field-related field--type-entity-reference field--label-above">'
        '<div class="field__label">Read more</div><div class="field__items">'
        f'<div class="field__item"><a href="{A}" hreflang="en">Dikes hold after a night of rain</a></div>'
        f'<div class="field__item"><a href="{B}" hreflang="en">Harvest at risk as fields stay wet</a></div></div></div>'
        '<div class="promoted-content"><h2>Related</h2><ul>'
        f'<li><a href="{C}">Ferry service suspended for a week</a></li></ul></div>'
    )
    html = page("", after=f'<div class="node__content">{field}</div>')
    html = html.replace("<article>", '<article class="node node--type-article node--promoted node--view-mode-full">')
    assert urls(html) == [A, B]


def test_tx_news_related_news_but_not_its_related_files_and_links() -> None:
    # TYPO3's news extension: related news, then the related files and related links fields (a PDF,
    # another site's page, a page of the site's own service pages)
    blocks = (
        '<div class="news-related news-related-news"><h4>Ähnliche Artikel</h4><ul>'
        f'<li><span class="news-related-news-date">03.05.2024</span> <a href="{A}">Dikes hold after a night of '
        'rain</a></li></ul></div><div class="news-related news-related-files"><h4>Zugehörige Dateien</h4><ul><li>'
        '<a href="/fileadmin/user_upload/flood-report-of-the-district.pdf">Flood report of the district office</a>'
        '</li><li><a href="/downloads/flood-report-of-the-district/">Flood report of the district office</a></li>'
        '</ul></div><div class="news-related news-related-links"><h4>Weiterführende Links</h4><ul><li><a '
        'href="/service/forms/apply-for-sandbag-delivery/">Apply for a sandbag delivery</a></li><li><a '
        'href="https://district.example.com/notices/flood-warning-for-the-lower-town">Flood warning of the '
        "district</a></li></ul></div>"
    )
    assert urls(page("", after=f'<div class="news news-single">{blocks}</div>')) == [A]


def test_image_only_link_takes_its_title_attribute() -> None:
    # (not the image's alt text: on a real page that gave a photo page's link, measured 1 false positive)
    block = (
        f'<div class="related-posts"><a href="{A}" title="Dikes hold after a night of rain">'
        '<img src="/a.jpg" alt="Dikes hold after a night of rain"></a></div>'
    )
    assert related(page("", after=block)) == [{"url": A, "title": "Dikes hold after a night of rain", "teaser": None}]


def test_a_link_in_a_sentence_is_not_related() -> None:
    sentence = f'<p>Read more about it: the <a href="{C}">ferry service was suspended for a week</a> in March, when '
    sentence += "the river first rose above the quay wall and officials closed the landing stage to passengers.</p>"
    assert urls(page(sentence)) == []


def test_inline_teaser_card_between_paragraphs() -> None:
    card = (
        f'<aside class="inline-teaser"><a href="{A}"><img src="/a.jpg" alt=""><span>Dikes hold after a night of '
        "rain</span></a></aside>"
    )
    assert urls(page(card)) == [A]


def test_boxes_between_paragraphs_that_are_not_teasers() -> None:
    boxes = (
        '<div class="newsletter-box"><a href="/newsletters/morning-briefing/">Sign up for the morning briefing</a>'
        "</div>"
        '<div class="image-gallery"><a href="/2024/05/photos-of-the-flood-in-pictures/">Photos of the flood in '
        "pictures</a></div>"
        '<div class="author-box"><a href="/author/ada-ashdown/">More stories by Ada Ashdown</a></div>'
    )
    assert urls(page(boxes)) == []


def test_navigation_footer_and_popularity_rails_are_left_out() -> None:
    rails = (
        '<aside class="most-read"><h2>Most read</h2><ol>'
        f'<li><a href="{A}">Dikes hold after a night of rain</a></li></ol></aside>'
        f'<aside class="c-rail"><h2>Trending</h2><ol><li><a href="{B}">Harvest at risk as fields stay wet</a></li>'
        "</ol></aside>"
        '<div class="OUTBRAIN" data-widget-id="AR_1"><h3>You may like</h3><ul>'
        f'<li><a href="{C}">Ferry service suspended for a week</a></li></ul></div>'
        '<div id="comments" class="comments-area"><h2>Related comments</h2><ol>'
        f'<li><a href="{C}">Ferry service suspended for a week</a></li></ol></div>'
    )
    assert urls(page("", after=rails)) == []


def test_tag_author_offsite_and_own_links_in_a_related_block_are_left_out() -> None:
    block = (
        '<div class="related-articles"><h2>Related</h2><ul>'
        '<li><a href="/tag/floods/">All our stories about floods</a></li>'
        '<li><a href="/author/ada-ashdown/">All stories by Ada Ashdown</a></li>'
        '<li><a href="https://elsewhere.example.com/2024/05/a-story-on-another-site/">A story on another site</a></li>'
        f'<li><a href="{URL}#comments">River floods the lower town</a></li>'
        f'<li><a href="{A}">Dikes hold after a night of rain</a></li></ul></div>'
    )
    assert urls(page("", after=block)) == [A]


def test_a_subdomain_of_the_site_counts_as_the_site() -> None:
    other = "https://live.example.org/2024/05/flood-live-updates-all-day/"
    block = f'<div class="related"><ul><li><a href="{other}">Flood live updates all day long</a></li></ul></div>'
    assert [link["url"] for link in related(page("", after=block), "https://www.example.org/a/b/")] == [other]


def test_an_empty_related_heading_does_not_take_the_article_links() -> None:
    # A block filled in by script later: the heading stands alone among the article's paragraphs.
    content = (
        f'<p>Officials <a href="{A}">said the dikes held</a> and that the {TEXT}</p>'
        '<div class="recommendation"><h3>Auch interessant</h3><div class="slot"></div></div>'
        f'<p>Growers <a href="{B}">fear for the harvest</a> as {TEXT}</p>'
    )
    assert urls(page(content)) == []


def test_story_timeline_of_earlier_articles() -> None:
    block = (
        '<section class="story-line"><h2>Timeline</h2><ul>'
        f'<li><a href="{C}">Ferry service suspended for a week</a></li>'
        f'<li><a href="{B}">Harvest at risk as fields stay wet</a></li></ul></section>'
    )
    assert urls(page("", after=block)) == [C, B]


def test_titles_without_spaces_count() -> None:
    block = (
        '<div class="related-news"><ul>'
        '<li><a href="https://news.example.org/articles/20240501/001">河川が氾濫し下町が浸水</a></li></ul></div>'
    )
    assert urls(page("", after=block)) == ["https://news.example.org/articles/20240501/001"]


def test_page_wide_classes_far_above_do_not_exclude_a_block() -> None:
    block = f'<div class="related"><ul><li><a href="{A}">Dikes hold after a night of rain</a></li></ul></div>'
    html = page("", after=block).replace("<main>", '<main class="has-popular-posts"><div><div><div>')
    html = html.replace("</main>", "</div></div></div></main>")
    assert urls(html) == [A]


def test_no_related_block() -> None:
    assert related(page("")) == []
