"""The one path by which article text reaches HTML or JavaScript.

Article text (titles, sentences, actor and place names, URLs) is untrusted:
``<img onerror=...>`` runs when inserted as HTML, ``</script>`` ends the page's
script early, ``${...}`` runs inside a JavaScript template literal (where folium
puts popup HTML), and ``javascript:`` URLs run when clicked.  Every writer of
HTML or script in this package goes through these functions:

- ``html(text)``: for HTML text and attribute values; also inert inside a
  JavaScript template literal (backtick and ``$`` are entity-escaped).
- ``script_json(value)``: a JSON literal safe inside a ``<script>`` element.
- ``attribute(document)``: a whole HTML page for an ``iframe srcdoc=""``.
- ``safe_url(url)``: the URL if it is http(s), else ``""``.

On the page, the map's own script builds popups and tooltips from the JSON
data with ``textContent`` only (never ``innerHTML``), so nothing in the data is
ever parsed as markup.
"""

from __future__ import annotations

import html as _html
import json
import math
import re
from typing import Any

import pandas as pd

# Characters that must not appear raw inside <script>: "<" (</script>, <!--), ">" and "&"
# (harmless in JSON but escaped for defence in depth), and the two JS line separators.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")
_URL_RE = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)
# Control characters other than tab/newline are dropped: they have no business in a popup; so are
# the bidi embeddings, overrides and isolates, which would reorder the popup's text after them.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: object) -> str:
    """Article text as a plain string: ``None``/NaN become ``""``, control characters are dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return CONTROL_RE.sub("", str(value))


def clean_column(values: pd.Series) -> pd.Series:
    """``clean_text`` over a whole column at once (missing -> ``""``), as an object column."""
    out = ["" if v is None or v is pd.NA or v != v else str(v) for v in values.tolist()]  # v != v: NaN
    if CONTROL_RE.search("".join(out)):
        out = [CONTROL_RE.sub("", v) for v in out]
    return pd.Series(out, index=values.index, dtype=object)


def html(value: object) -> str:
    """Escape text for HTML element content or a quoted attribute (and a JS template literal)."""
    out = _html.escape(clean_text(value), quote=True)
    return out.replace("`", "&#96;").replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")


def script_json(value: Any) -> str:
    """Serialise ``value`` as JSON that cannot end or confuse the ``<script>`` element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def attribute(document: str) -> str:
    """Escape a whole HTML document for a double-quoted attribute such as ``iframe srcdoc``."""
    return _html.escape(document, quote=True)


def safe_url(value: object) -> str:
    """The URL if it is a plain ``http``/``https`` URL, else ``""`` (no ``javascript:``, no ``data:``)."""
    url = clean_text(value).strip()
    return url if _URL_RE.match(url) else ""


__all__ = ["CONTROL_RE", "attribute", "clean_column", "clean_text", "html", "safe_url", "script_json"]
