"""Gold toponym corpora and the field's metrics (Gritta et al. 2018, "What's missing in geoparsing?").

Readers turn LGL, TR-News, GeoWebNews, GeoVirus and our own JSON Lines format into one shape,
``GoldArticle``; ``evaluate`` runs a recogniser and a resolver over them and ``score`` computes
recognition precision/recall/F1 (exact and overlapping spans) and resolution accuracy@161 km,
mean/median error, AUC of the log-error curve and exact GeoNames id accuracy.

Gold offsets are not always exact: when ``text[start:end]`` is not the gold phrase the span is
snapped to the nearest occurrence of the phrase (within a small window) and counted; if the
phrase is nowhere near, the toponym is dropped and counted.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from geo.errors import GoldFormatError
from geo.records import Document, Mention, ResolvedPlace

GoldFormat = Literal["lgl", "trnews", "gwn", "geovirus", "jsonl"]
FORMATS: tuple[str, ...] = ("lgl", "trnews", "gwn", "geovirus", "jsonl")

#: Half the Earth's circumference (km): the largest possible error, used for unresolved toponyms.
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
#: How far (characters) a misplaced gold span may be from the phrase it names.
SNAP_WINDOW = 60
#: GeoWebNews types that are common nouns ("the city"), not toponyms.
GWN_NOT_TOPONYM = frozenset({"Literal_Expression", "Non_Lit_Expression"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: its span, phrase and (when annotated) point and GeoNames id."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """A read gold file, with how many spans had to be snapped or were dropped."""

    path: str
    format: str
    articles: tuple[GoldArticle, ...]
    snapped: int = 0
    dropped: int = 0

    @property
    def n_toponyms(self) -> int:
        return sum(len(a.toponyms) for a in self.articles)


@dataclass(frozen=True, slots=True)
class ScoredToponym:
    """One gold toponym with what the system predicted for it (``None`` when not recognised)."""

    article_id: str
    gold: GoldToponym
    predicted: ResolvedPlace | None
    error_km: float | None
    context: str = ""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything one run produced: the scores plus the per-toponym rows (for maps and debugging)."""

    metrics: dict[str, Any]
    rows: tuple[ScoredToponym, ...] = field(default=())


# ----------------------------------------------------------------------------- reading


def detect_format(path: Path) -> GoldFormat:
    """Guess the gold format from the file's first few kilobytes."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read gold file ({exc.strerror or exc})") from exc
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return "jsonl"
    if not stripped.startswith("<"):
        raise GoldFormatError(f"{path}: not a known gold format (neither XML nor JSON Lines)")
    if "<extractedName" in head or "GeoWebNews" in head:
        return "gwn"
    if "<locations" in head or "<location>" in head:
        return "geovirus"
    if "<feedid" in head:
        return "lgl"
    if "<toponym" in head or "<article" in head:
        return "trnews"
    raise GoldFormatError(f"{path}: XML without <article>/<toponym> elements; not a known gold format")


def read_gold(path: Path | str, *, format: str = "auto") -> GoldCorpus:
    """Read a gold file in any supported format (``auto`` detects it), snapping misplaced spans."""
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError(f"{path}: no such gold file")
    fmt = detect_format(path) if format == "auto" else format
    if fmt not in FORMATS:
        raise GoldFormatError(f"{path}: unknown gold format {format!r} (use one of {', '.join(FORMATS)})")
    raw = list(_read_jsonl(path) if fmt == "jsonl" else _read_xml(path, fmt))
    articles, snapped, dropped = [], 0, 0
    for article_id, title, text, toponyms in raw:
        kept = []
        for top in toponyms:
            fixed = snap_span(text, top)
            if fixed is None:
                dropped += 1
                continue
            snapped += fixed != top
            kept.append(fixed)
        articles.append(GoldArticle(article_id, text, tuple(sorted(kept, key=_span_key)), title))
    if not articles:
        raise GoldFormatError(f"{path}: no articles found for format {fmt}")
    if not any(a.toponyms for a in articles) and not dropped:
        raise GoldFormatError(f"{path}: no gold toponyms found for format {fmt} (is that the right format?)")
    return GoldCorpus(str(path), fmt, tuple(articles), snapped, dropped)


def _span_key(t: GoldToponym) -> tuple[int, int]:
    return (t.start, t.end)


RawArticle = tuple[str, str, str, list[GoldToponym]]


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldFormatError(f"{path}: malformed XML ({exc})") from exc


def _read_xml(path: Path, fmt: str) -> Iterator[RawArticle]:
    root = _parse_xml(path)
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text")
        if text is None:
            raise GoldFormatError(f"{path}: article {i + 1} has no <text>")
        article_id = art.get("docid") or art.get("id") or (art.findtext("source") or "").strip() or str(i)
        if fmt == "geovirus":
            article_id = f"{i}"
            toponyms = [_geovirus_toponym(path, el) for el in art.iter("location")]
        elif fmt == "gwn":
            toponyms = [t for el in art.iter("toponym") if (t := _gwn_toponym(path, el)) is not None]
        else:
            toponyms = [_lgl_toponym(path, el) for el in art.iter("toponym")]
        yield article_id, (art.findtext("title") or "").strip(), text, toponyms


def _int(path: Path, el: ET.Element, tag: str) -> int:
    value = el.findtext(tag)
    try:
        return int(str(value).strip())
    except ValueError:
        raise GoldFormatError(f"{path}: <{el.tag}> has a bad <{tag}> value {value!r}") from None


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _opt_int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _lgl_toponym(path: Path, el: ET.Element) -> GoldToponym:
    start, end = _int(path, el, "start"), _int(path, el, "end")
    gaz = el.find("gaztag")
    phrase = el.findtext("phrase") or ""
    if gaz is None:
        return GoldToponym(start, end, phrase)
    return GoldToponym(
        start,
        end,
        phrase,
        _float(gaz.findtext("lat")),
        _float(gaz.findtext("lon")),
        _opt_int(gaz.get("geonameid")),
    )


def _geovirus_toponym(path: Path, el: ET.Element) -> GoldToponym:
    # GeoVirus offsets are 1-based: text[start-1:end-1] is the name.
    start, end = _int(path, el, "start") - 1, _int(path, el, "end") - 1
    return GoldToponym(
        start, end, el.findtext("name") or "", _float(el.findtext("lat")), _float(el.findtext("lon"))
    )


def _gwn_toponym(path: Path, el: ET.Element) -> GoldToponym | None:
    if (el.findtext("type") or "").strip() in GWN_NOT_TOPONYM:
        return None
    start, end = _int(path, el, "start"), _int(path, el, "end")
    return GoldToponym(
        start,
        end,
        el.findtext("extractedName") or "",
        _float(el.findtext("latitude")),
        _float(el.findtext("longitude")),
        _opt_int(el.findtext("geonamesID")),
    )


def _read_jsonl(path: Path) -> Iterator[RawArticle]:
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{where}: not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise GoldFormatError(f"{where}: each line must be an object with a string 'text'")
            text = obj["text"]
            raw = obj.get("toponyms", [])
            if not isinstance(raw, list):
                raise GoldFormatError(f"{where}: 'toponyms' must be a list")
            toponyms = [_json_toponym(where, text, k, t) for k, t in enumerate(raw, 1)]
            yield str(obj.get("id", lineno)), str(obj.get("title", "")), text, toponyms


def _json_toponym(where: str, text: str, k: int, t: Any) -> GoldToponym:
    """One toponym object of our JSON Lines format, checked field by field."""
    if not isinstance(t, dict):
        raise GoldFormatError(f"{where}: toponym {k} is not an object")
    try:
        start, end = int(t["start"]), int(t["end"])
        lat, lon = t.get("lat"), t.get("lon")
        lat = None if lat is None else float(lat)
        lon = None if lon is None else float(lon)
        gid = t.get("geonameid")
        gid = None if gid in (None, "") else int(gid)
    except KeyError as exc:
        raise GoldFormatError(f"{where}: toponym {k} has no {exc.args[0]!r}") from None
    except (TypeError, ValueError):
        raise GoldFormatError(f"{where}: toponym {k} has a non-numeric start/end/lat/lon/geonameid") from None
    if not 0 <= start < end <= len(text):
        raise GoldFormatError(f"{where}: toponym {k} span {start}:{end} is outside the text")
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):  # type: ignore[operator]
        raise GoldFormatError(f"{where}: toponym {k} needs both lat and lon, within range")
    return GoldToponym(start, end, str(t.get("text") or text[start:end]), lat, lon, gid)


def snap_span(text: str, top: GoldToponym, *, window: int = SNAP_WINDOW) -> GoldToponym | None:
    """The toponym with its span on the phrase it names, moved to the nearest occurrence if needed.

    Returns ``None`` when the phrase does not occur within ``window`` characters.
    """
    phrase = top.text
    if not phrase or text[top.start : top.end] == phrase:
        return top if phrase or 0 <= top.start < top.end <= len(text) else None
    lo = max(0, top.start - window)
    hi = min(len(text), top.end + window + len(phrase))
    region = text[lo:hi]
    best: int | None = None
    for needle in (phrase, phrase.strip()):
        pos = region.find(needle)
        while needle and pos != -1:
            at = lo + pos
            if best is None or abs(at - top.start) < abs(best - top.start):
                best = at
            pos = region.find(needle, pos + 1)
        if best is not None:
            return replace(top, start=best, end=best + len(needle), text=needle)
    return None


# ----------------------------------------------------------------------------- running


def gold_document(article: GoldArticle, *, with_mentions: bool) -> Document:
    """A ``Document`` for an article, with the gold spans as its mentions when asked."""
    mentions: tuple[Mention, ...] = ()
    if with_mentions:
        mentions = tuple(Mention(t.text, t.start, t.end) for t in article.toponyms)
    return Document(id=article.id, text=article.text, title=article.title, mentions=mentions)


Stage = Callable[[Document], Document]


def run_article(
    article: GoldArticle, *, recognizer: Stage | None, resolver: Stage, gold_spans: bool
) -> Document:
    """Geoparse one gold article: gold mentions (``gold_spans``) or our own, then resolve them."""
    doc = gold_document(article, with_mentions=gold_spans)
    if not gold_spans:
        if recognizer is None:
            raise GoldFormatError("end-to-end evaluation needs a recogniser")
        doc = recognizer(doc)
    return resolver(doc)


def evaluate(
    corpus: GoldCorpus,
    *,
    recognizer: Stage | None,
    resolver: Stage,
    gold_spans: bool = False,
    progress: bool = False,
) -> Evaluation:
    """Run the system over every article and score it."""
    from tqdm import tqdm

    pairs: list[tuple[GoldArticle, Document]] = []
    words = 0
    for article in tqdm(corpus.articles, desc="geoparsing", unit="article", disable=not progress):
        pairs.append(
            (article, run_article(article, recognizer=recognizer, resolver=resolver, gold_spans=gold_spans))
        )
        words += len(article.text.split())
    evaluation = score(pairs, gold_spans=gold_spans)
    evaluation.metrics.update(
        {
            "format": corpus.format,
            "articles": len(corpus.articles),
            "words": words,
            "snapped": corpus.snapped,
            "dropped": corpus.dropped,
            "gold_spans": gold_spans,
        }
    )
    return evaluation


# ----------------------------------------------------------------------------- metrics


def error_km(gold: GoldToponym, place: ResolvedPlace | None) -> float:
    """Great-circle error of a prediction; the maximum error when nothing was resolved."""
    from geopy.distance import great_circle  # imported here: geopy pulls in requests (slow CLI start-up)

    if place is None or place.place is None or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    return float(great_circle((gold.lat, gold.lon), (place.place.lat, place.place.lon)).km)


def auc(errors: Sequence[float]) -> float:
    """Area under the curve of ln(error + 1) over sorted errors, normalised to [0, 1] (lower is better).

    As in Gritta et al. 2018: trapezoid rule with unit spacing, divided by ln(20039) and by the
    number of intervals.
    """
    if not errors:
        return float("nan")
    ys = [math.log(min(e, MAX_ERROR_KM) + 1.0) / math.log(MAX_ERROR_KM) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2.0 for a, b in itertools.pairwise(ys))
    return area / (len(ys) - 1)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _overlap_matches(gold: Sequence[GoldToponym], pred: Sequence[Mention]) -> int:
    """Gold toponyms overlapped by at least one predicted mention (each prediction used once)."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, m in enumerate(pred):
            if i not in used and m.start < g.end and g.start < m.end:
                used.add(i)
                hits += 1
                break
    return hits


def score(pairs: Iterable[tuple[GoldArticle, Document]], *, gold_spans: bool = False) -> Evaluation:
    """Recognition and resolution metrics over (gold article, geoparsed document) pairs."""
    tp_exact = tp_overlap = n_pred = n_gold = 0
    rows: list[ScoredToponym] = []
    for article, doc in pairs:
        by_span = {(rp.mention.start, rp.mention.end): rp for rp in doc.places}
        mentions = [rp.mention for rp in doc.places] or list(doc.mentions)
        n_pred += len({(m.start, m.end) for m in mentions})
        n_gold += len(article.toponyms)
        tp_exact += sum((t.start, t.end) in by_span for t in article.toponyms)
        tp_overlap += _overlap_matches(article.toponyms, mentions)
        for top in article.toponyms:
            if not top.has_point:
                continue
            predicted = by_span.get((top.start, top.end))
            err = error_km(top, predicted) if predicted is not None else None
            ctx = article.text[max(0, top.start - 80) : top.end + 80]
            rows.append(ScoredToponym(article.id, top, predicted, err, ctx))
    return Evaluation(_metrics(rows, (tp_exact, tp_overlap, n_pred, n_gold), gold_spans), tuple(rows))


def _metrics(
    rows: Sequence[ScoredToponym], counts: tuple[int, int, int, int], gold_spans: bool
) -> dict[str, Any]:
    tp_exact, tp_overlap, n_pred, n_gold = counts
    scored = [r for r in rows if r.error_km is not None]
    errors = [r.error_km for r in scored if r.error_km is not None]
    with_id = [r for r in scored if r.gold.geonameid is not None]
    exact_ids = sum(
        1
        for r in with_id
        if r.predicted and r.predicted.place and r.predicted.place.geonameid == r.gold.geonameid
    )
    p, r, f = _prf(tp_exact, n_pred, n_gold)
    po, ro, fo = _prf(tp_overlap, n_pred, n_gold)
    recog = not gold_spans
    return {
        "n": len(errors),
        "gold_with_point": len(rows),
        "unresolved": sum(1 for r in scored if r.predicted is None or r.predicted.place is None),
        "acc161": (sum(e <= ACC_KM for e in errors) / len(errors)) if errors else float("nan"),
        "mean_km": statistics.fmean(errors) if errors else float("nan"),
        "median_km": statistics.median(errors) if errors else float("nan"),
        "auc": auc(errors),
        "exact_id": (exact_ids / len(with_id)) if with_id else None,
        "n_with_id": len(with_id),
        "precision": p if recog else None,
        "recall": r if recog else None,
        "f1": f if recog else None,
        "precision_overlap": po if recog else None,
        "recall_overlap": ro if recog else None,
        "f1_overlap": fo if recog else None,
        "n_gold": n_gold,
        "n_predicted": n_pred,
    }


# ----------------------------------------------------------------------------- error map


def _error_record(row: ScoredToponym) -> dict[str, Any]:
    """One error for the map: the two points and the popup's texts (shown as text, never as HTML)."""
    pred = row.predicted.place if row.predicted is not None else None
    guess = (
        f"{pred.name} ({pred.country_code}, {pred.feature_code}, id {pred.geonameid})"
        if pred
        else "unresolved"
    )
    from geo.escape import clean_text

    return {
        "gold": [float(row.gold.lat or 0.0), float(row.gold.lon or 0.0)],
        "pred": [pred.lat, pred.lon] if pred is not None else None,
        "toponym": clean_text(row.gold.text),
        "article": clean_text(row.article_id),
        "error": "-" if row.error_km is None else f"{row.error_km:,.0f} km",
        "predicted": clean_text(guess),
        "reason": clean_text(row.predicted.reason) if row.predicted is not None else "",
        "goldId": str(row.gold.geonameid) if row.gold.geonameid is not None else "-",
        "context": clean_text(row.context),
    }


def write_error_map(
    rows: Sequence[ScoredToponym], out: Path | str, *, title: str = "Toponym errors", limit: int = 3000
) -> Path:
    """An HTML map of errors beyond 161 km: gold point (green), prediction (red), a line between.

    One self-contained file like the event map (``geo.maps.render_error_map``): it opens without
    network, and the gold file's text never runs as code.
    """
    from geo.errors import RenderError
    from geo.maps import render_error_map

    errors = [r for r in rows if r.error_km is not None and r.error_km > ACC_KM and r.gold.has_point]
    errors.sort(key=lambda r: -(r.error_km or 0.0))
    fmap = render_error_map(
        [_error_record(r) for r in errors[:limit]], title=title, more=max(0, len(errors) - limit)
    )
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(fmap.get_root().render(), encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{out}: cannot write error map ({exc.strerror or exc})") from exc
    return out


__all__ = [
    "FORMATS",
    "Evaluation",
    "GoldArticle",
    "GoldCorpus",
    "GoldToponym",
    "ScoredToponym",
    "auc",
    "detect_format",
    "error_km",
    "evaluate",
    "gold_document",
    "read_gold",
    "run_article",
    "score",
    "snap_span",
    "write_error_map",
]
