import dataclasses
import json
from pathlib import Path

import jsonschema
import orjson

import newscrawl
from newscrawl.items import Article, AuthorDetails, RelatedLink

SCHEMA = json.loads((Path(newscrawl.__file__).parent / "schema" / "article.schema.json").read_text())


def test_schema_and_item_agree_on_fields_order_and_docs():
    fields = dataclasses.fields(Article)
    assert list(SCHEMA["properties"]) == [f.name for f in fields]
    assert SCHEMA["required"] == [f.name for f in fields]
    for f in fields:
        assert SCHEMA["properties"][f.name]["description"] == f.metadata["doc"]
    assert list(SCHEMA["$defs"]["related"]["properties"]) == [f.name for f in dataclasses.fields(RelatedLink)]
    assert list(SCHEMA["$defs"]["author"]["properties"]) == [f.name for f in dataclasses.fields(AuthorDetails)]


def test_schema_accepts_a_full_record_and_rejects_broken_ones():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    record = orjson.loads(
        orjson.dumps(
            Article(
                url="https://n.example/a/", canonical_url="https://n.example/a/", site="n", headline="H", body="b",
                authors=["A"], author_details=[AuthorDetails(name="A", url="https://n.example/author/a/", type="person")],
                published="2026-03-04T10:15:00+01:00", word_count=1, crawled_at="2026-03-05T00:00:00+00:00",
                content_hash="0" * 64, related=[RelatedLink(url="https://n.example/b/", title="B")],
            )
        )
    )  # fmt: skip
    validator.validate(record)
    for broken in (
        {"headline": ""},
        {"published": "4 March 2026"},
        {"extra": 1},
        {"authors": "A"},
        {"url": "ftp://x"},
        {"author_details": [{"name": "A"}]},
        {"author_details": [{**record["author_details"][0], "type": "robot"}]},
    ):
        assert not validator.is_valid({**record, **broken}), broken
