"""Gazetteer.nearest against brute force (geopy's great-circle distance), across antimeridian and poles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from geopy.distance import great_circle

from geo.gazetteer import Gazetteer
from geo.gazetteer_build import build_from_geonames

# hand-placed points where box searches go wrong: both sides of the antimeridian, near both poles,
# and an isolated island far from everything else
SPECIAL = [
    (10.0, 179.95), (10.0, -179.95), (-16.5, 179.99), (-16.6, -179.8), (88.0, 0.0), (88.5, 179.0),
    (-89.5, 45.0), (-85.0, -135.0), (-48.9, -123.4), (0.0, 0.0),
]  # fmt: skip


@pytest.fixture(scope="module")
def points_gazetteer(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Gazetteer, list[tuple[int, float, float]]]:
    rng = random.Random(11)
    places = [(1000 + i, lat, lon) for i, (lat, lon) in enumerate(SPECIAL)]
    for i in range(400):
        # clustered like real places: a few dense blobs plus some scatter
        if i % 4:
            lat, lon = rng.choice([(34.0, 69.0), (48.0, 2.0), (-23.0, -46.0)])
            lat, lon = lat + rng.gauss(0, 2), lon + rng.gauss(0, 2)
        else:
            lat, lon = rng.uniform(-70, 75), rng.uniform(-180, 180)
        places.append((2000 + i, round(lat, 5), round(lon, 5)))
    folder = tmp_path_factory.mktemp("points")
    classes = "PHTSLAV"
    with (folder / "allCountries.txt").open("w", encoding="utf-8") as fh:
        for gid, lat, lon in places:
            fc = classes[gid % len(classes)]
            cols = [str(gid), f"Point {gid}", f"Point {gid}", "", f"{lat}", f"{lon}", fc, "X", "AF"]
            cols += ["", "", "", "", "", "0", "", "", "", ""]
            fh.write("\t".join(cols) + "\n")
    path, _ = build_from_geonames(folder, folder / "points.sqlite", progress=False)
    return Gazetteer.open(path), places


def _brute(
    places: list[tuple[int, float, float]], lat: float, lon: float, k: int, ids: set[int] | None = None
) -> list[int]:
    ranked = sorted(
        (great_circle((lat, lon), (plat, plon)).km, gid)
        for gid, plat, plon in places
        if ids is None or gid in ids
    )
    return [gid for _d, gid in ranked[:k]]


def test_nearest_matches_brute_force_everywhere(
    points_gazetteer: tuple[Gazetteer, list[tuple[int, float, float]]],
) -> None:
    gaz, places = points_gazetteer
    rng = random.Random(5)
    queries = [(lat, lon) for lat, lon in SPECIAL] + [
        (rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(150)
    ]
    queries += [(10.0, 179.999), (10.0, -179.999), (90.0, 0.0), (-90.0, 0.0), (-48.0, -120.0)]
    for lat, lon in queries:
        for k in (1, 3):
            got = [p.geonameid for p in gaz.nearest(lat, lon, k=k)]
            assert got == _brute(places, lat, lon, k), (lat, lon, k)


def test_nearest_across_the_antimeridian(
    points_gazetteer: tuple[Gazetteer, list[tuple[int, float, float]]],
) -> None:
    gaz, _ = points_gazetteer
    (east,) = gaz.nearest(10.0, 179.99, k=1)
    assert east.geonameid == 1000
    (west,) = gaz.nearest(10.0, -179.99, k=1)
    assert west.geonameid == 1001
    assert {p.geonameid for p in gaz.nearest(10.0, 180.0, k=2)} == {1000, 1001}


def test_nearest_with_a_class_filter_matches_brute_force(
    points_gazetteer: tuple[Gazetteer, list[tuple[int, float, float]]],
) -> None:
    gaz, places = points_gazetteer
    wanted = {gid for gid, _lat, _lon in places if "PHTSLAV"[gid % 7] in "HT"}
    rng = random.Random(8)
    for _ in range(60):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        got = [p.geonameid for p in gaz.nearest(lat, lon, k=2, feature_classes="HT")]
        assert got == _brute(places, lat, lon, 2, wanted)


def test_nearest_edge_cases(
    points_gazetteer: tuple[Gazetteer, list[tuple[int, float, float]]], tmp_path: Path
) -> None:
    gaz, places = points_gazetteer
    assert gaz.nearest(0.0, 0.0, k=0) == []
    assert len(gaz.nearest(0.0, 0.0, k=len(places) + 5)) == len(places)
    assert gaz.nearest(0.0, 0.0, k=1, feature_classes="U") == []  # no undersea features at all
