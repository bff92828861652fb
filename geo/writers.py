"""Everything that writes outputs (and reads event tables back for `geo render`).

``write_outputs`` writes the four files of `geo map`: ``map.html``, ``events.csv``
(ACLED column order), ``events.geojson`` (RFC 7946) and ``places.csv``; with
``parquet=True`` also ``events.parquet`` and ``places.parquet``.  Each file is
written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import folium
import pandas as pd

from geo.errors import InputError, RenderError
from geo.maps import DEFAULT_TITLE, embed_html, render_map
from geo.records import Document
from geo.tables import EVENT_COLUMNS, events_frame, places_frame

GEOJSON_DECIMALS = 6  # RFC 7946 asks for no more than needed; 6 decimals is ~0.1 m
_UMASK = os.umask(0o022)
os.umask(_UMASK)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Write through ``write(tmp)`` then rename onto ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a folder that cannot be made or written: one line, not a traceback
        raise RenderError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        tmp.chmod(0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual permissions
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RenderError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _json_value(value: Any) -> Any:
    """A table cell as a JSON value: NaN/NA and empty text become null (as an empty CSV cell reads back
    missing), numpy scalars plain numbers."""
    if value is None or (isinstance(value, str) and not value):
        return None
    if not isinstance(value, str | bool) and pd.isna(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def events_geojson(events: pd.DataFrame) -> dict[str, Any]:
    """RFC 7946 FeatureCollection: one Feature per row, ``[lon, lat]``, properties = the row.

    Rows without coordinates keep ``"geometry": null`` (an unlocated feature, as RFC 7946 allows).
    """
    features = []
    columns = list(events.columns)
    for values in events.itertuples(index=False, name=None):
        props = {c: _json_value(v) for c, v in zip(columns, values, strict=True)}
        lat, lon = props.get("latitude"), props.get("longitude")
        geometry = None
        if isinstance(lat, int | float) and isinstance(lon, int | float) and math.isfinite(lat + lon):
            geometry = {
                "type": "Point",
                "coordinates": [round(float(lon), GEOJSON_DECIMALS), round(float(lat), GEOJSON_DECIMALS)],
            }
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    return _atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))


def write_geojson(events: pd.DataFrame, path: Path) -> Path:
    text = json.dumps(events_geojson(events), ensure_ascii=False, separators=(",", ":"))
    return _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise RenderError(f"{path}: parquet output needs pyarrow (pip install pyarrow)") from exc
    return _atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))


def write_map(m: folium.Map, path: Path) -> Path:
    return _atomic_write(path, lambda tmp: tmp.write_text(m.get_root().render(), encoding="utf-8"))


def write_fragment(m: folium.Map, path: Path, *, title: str = DEFAULT_TITLE) -> Path:
    """The map as an ``<iframe srcdoc>`` snippet to paste into a report."""
    snippet = embed_html(m, title=title)
    return _atomic_write(path, lambda tmp: tmp.write_text(snippet + "\n", encoding="utf-8"))


def find_chromium() -> str | None:
    """The path of an installed Chromium/Chrome, or ``None``."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def save_png(html_path: Path, png_path: Path, *, width: int = 1280, height: int = 800) -> Path:
    """A static image of a map page, taken with headless Chromium."""
    chromium = find_chromium()
    if chromium is None:
        raise RenderError(
            f"{png_path}: --png needs Chromium (Debian: apt-get install chromium); none found on PATH"
        )
    png_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        chromium,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        f"--window-size={int(width)},{int(height)}",
        "--virtual-time-budget=6000",
        f"--screenshot={png_path.resolve()}",
        html_path.resolve().as_uri() + "#still",  # the page shows no buttons then (geo/data/map_events.js)
    ]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        raise RenderError(f"{png_path}: Chromium could not take the screenshot ({exc})") from exc
    if not png_path.exists():
        raise RenderError(f"{png_path}: Chromium ran but wrote no image")
    return png_path


def _default_title(docs: Sequence[Document]) -> str:
    if len(docs) == 1 and docs[0].title:
        return docs[0].title
    return DEFAULT_TITLE


def write_outputs(
    documents: Iterable[Document],
    out_dir: Path | str,
    *,
    offline: bool = False,
    title: str | None = None,
    events: pd.DataFrame | None = None,
    cluster: bool = True,
    heat: bool = False,
    parquet: bool = False,
    cdn: bool = False,
) -> dict[str, Path]:
    """Write map.html, events.csv, events.geojson and places.csv (and parquet if asked) into ``out_dir``.

    ``events`` replaces the table built from ``documents`` (e.g. one already
    de-duplicated across articles); places always come from ``documents``.
    Returns the written paths by name (``map``, ``events_csv``, ...).
    """
    docs = list(documents)
    out = Path(out_dir)
    table = events_frame(docs) if events is None else events
    places = places_frame(docs)
    title = title or _default_title(docs)
    written = {
        "events_csv": write_csv(table, out / "events.csv"),
        "events_geojson": write_geojson(table, out / "events.geojson"),
        "places_csv": write_csv(places, out / "places.csv"),
    }
    if parquet:
        written["events_parquet"] = write_parquet(table, out / "events.parquet")
        written["places_parquet"] = write_parquet(places, out / "places.parquet")
    m = render_map(table, title=title, cluster=cluster, heat=heat, offline=offline, cdn=cdn)
    written["map"] = write_map(m, out / "map.html")
    return written


# ---------------------------------------------------------------------------------------------
# Reading event tables back (geo render)
# ---------------------------------------------------------------------------------------------


def _read_geojson(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not readable GeoJSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    rows = []
    for feature in data.get("features") or []:
        props = dict(feature.get("properties") or {})
        geom = feature.get("geometry") or {}
        if geom.get("type") == "Point" and len(geom.get("coordinates") or []) >= 2:
            props["longitude"], props["latitude"] = geom["coordinates"][:2]
        rows.append(props)
    return pd.DataFrame(rows)


def read_events(path: Path | str) -> pd.DataFrame:
    """An events table from our events.csv/.geojson/.parquet or an ACLED export CSV."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    if p.stat().st_size == 0:  # pandas would say "No columns to parse from file"
        raise InputError(f"{p}: empty file, no events table")
    suffix = p.suffix.lower()
    try:
        if suffix in {".geojson", ".json"}:
            frame = _read_geojson(p)
        elif suffix == ".parquet":
            frame = pd.read_parquet(p)
        elif suffix in {".csv", ".txt", ".tsv"}:
            frame = pd.read_csv(p, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
        else:
            raise InputError(f"{p}: unknown table format {suffix!r} (use .csv, .geojson or .parquet)")
    except (OSError, UnicodeDecodeError, ValueError, pd.errors.ParserError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{p}: cannot read the table ({str(exc).splitlines()[0]})") from exc
    missing = {"latitude", "longitude", "event_type"} - set(frame.columns)
    if missing:
        raise InputError(f"{p}: not an events table (no {', '.join(sorted(missing))} column)")
    return frame


def read_events_many(paths: Iterable[Path | str]) -> pd.DataFrame:
    """Several event tables as one (columns are the union; ours first, in ACLED order)."""
    frames = [read_events(p) for p in paths]
    if not frames:
        raise InputError("no event tables given")
    frame = pd.concat(frames, ignore_index=True, sort=False)
    ordered = [c for c in EVENT_COLUMNS if c in frame.columns]
    return frame[ordered + [c for c in frame.columns if c not in ordered]]


__all__ = [
    "events_geojson",
    "find_chromium",
    "read_events",
    "read_events_many",
    "save_png",
    "write_csv",
    "write_fragment",
    "write_geojson",
    "write_map",
    "write_outputs",
    "write_parquet",
]
