"""geo.escape: the one path by which article text reaches HTML or script."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from geo import escape

PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    "${window.__pwned=1}",
    "`+(window.__pwned=1)+`",
    "{{ 7 * 7 }} {% raw %}",
    "a\u2028b\u2029c",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_round_trips_and_never_closes_the_script(payload: str) -> None:
    out = escape.script_json({"t": payload})
    assert "<" not in out and ">" not in out and "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"t": payload}


def test_script_json_rejects_nan() -> None:
    with pytest.raises(ValueError):
        escape.script_json({"x": math.nan})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_leaves_no_markup_or_template_syntax(payload: str) -> None:
    out = escape.html(payload)
    for ch in "<>\"'`${}":
        assert ch not in out


def test_html_escapes_quotes_for_attributes() -> None:
    assert escape.html("say \"hi\" & 'bye'") == "say &quot;hi&quot; &amp; &#x27;bye&#x27;"


def test_clean_text_handles_missing_values_and_control_characters() -> None:
    assert escape.clean_text(None) == ""
    assert escape.clean_text(float("nan")) == ""
    assert escape.clean_text("a\x00b\x1bc\td\ne") == "abc\td\ne"
    assert escape.clean_text(12) == "12"


def test_clean_column_matches_clean_text_cell_by_cell() -> None:
    values = pd.Series(["plain", None, float("nan"), "bell\x07", 3, pd.NA])
    assert escape.clean_column(values).tolist() == ["plain", "", "", "bell", "3", ""]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ('https://example.org/"onmouseover=x', ""),
        ("  https://example.org/padded  ", "https://example.org/padded"),
        (None, ""),
    ],
)
def test_safe_url_allows_only_plain_http(url: object, expected: str) -> None:
    assert escape.safe_url(url) == expected


def test_attribute_escapes_a_whole_document_for_srcdoc() -> None:
    out = escape.attribute('<p class="x">&</p>')
    assert out == "&lt;p class=&quot;x&quot;&gt;&amp;&lt;/p&gt;"
