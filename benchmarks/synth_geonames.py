"""Synthetic GeoNames dump files for the gazetteer scale benchmark (no real dump is reachable here).

Writes, into one folder, files in the exact GeoNames export formats: ``allCountries.txt`` (the
19-column geoname table), ``alternateNamesV2.txt`` (10 columns, flags set on some rows),
``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt`` and ``hierarchy.txt``.
Names are made from 2-5 syllables (some with diacritics, izafe linkers, feature words, other
scripts) drawn from a pool half the size of the place count, so names repeat across places as
real names do (and 1 % of places share 1,000 very common names); feature classes follow
GeoNames' mix (P 39 %, S 20 %, H 19 %, T 13 %, A 4 %, L 4 %, V/U the rest). Countries are the
real ISO codes (pycountry) around their countryinfo centres. ``--bad N`` plants N malformed
lines of each kind the importer must survive.
The same seed gives the same files.

    python -m benchmarks.synth_geonames --places 11000000 --out /tmp/geonames-12m  # + 1M alternates
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FULL_ALTERNATES", "FULL_PLACES", "SynthSpec", "write_dump"]

#: The issue's full size: 11M places plus alternate names, 12M names in all.
FULL_PLACES = 11_000_000
FULL_ALTERNATES = 1_000_000

_SYLLABLES = (  # noqa: SIM905  (a word list reads better as one string)
    "ka nda har ba gram qa la na wa sha rif ma zar ja lal ab ad kun duz hel mand ghaz ni pak tia zab ul "
    "far ah her at kho st lo gar par wan bad akh shan ta khar sar pul jaw zjan sam an gan bul dak spin "
    "tor bor ko hat mir dan ru sta bo le mi ti ne so ve ri lu do pe ge zu ya fo ci"
).split()
_MARKED = {"a": "ā", "i": "ī", "u": "ū", "o": "ō", "s": "ş", "h": "ḩ", "z": "ẕ"}
_WORDS = ("Kūh-e", "Darreh-ye", "Qal‘eh-ye", "Deh-e", "Chashmeh-ye", "Band-e")
_SUFFIX = ("River", "Mountain", "Airfield", "Hospital", "School", "Valley", "Lake", "Pass")
# (feature class, codes, weight); the weights follow GeoNames' class shares
_CLASSES = (
    ("P", ("PPL", "PPL", "PPL", "PPLX", "PPLA3", "PPLL", "PPLQ"), 39),
    ("S", ("SCH", "MSQE", "HTL", "FRM", "AIRP", "AIRB", "BDG", "HSP"), 20),
    ("H", ("STM", "STM", "LK", "WLL", "SPNG", "RSV", "CNL"), 19),
    ("T", ("MT", "MT", "HLL", "MTS", "VAL", "PASS", "PK"), 13),
    ("A", ("ADM3", "ADM4", "ADMD"), 4),
    ("L", ("LCTY", "AREA", "PRK", "RGN"), 4),
    ("V", ("FRST", "GRSLD"), 0.6),
    ("U", ("SMT", "TRNU"), 0.4),
)
COUNTRY_INFO_HEADER = (
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\t"
    "CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\t"
    "geonameid\tneighbours\tEquivalentFipsCode\n"
)
_ALT_LANGS = ("en", "fa", "ps", "ar", "ru", "de", "fr", "", "", "")


@dataclass(frozen=True, slots=True)
class SynthSpec:
    """How big a dump to write: places in ``allCountries``, rows in ``alternateNamesV2``."""

    places: int = FULL_PLACES
    alternates: int = FULL_ALTERNATES
    seed: int = 4
    bad: int = 0


@dataclass(frozen=True, slots=True)
class _Country:
    cc: str
    iso3: str
    name: str
    gid: int
    lat: float
    lon: float
    spread: float
    admin1: tuple[str, ...]


def _countries(rng: random.Random, first_id: int) -> list[_Country]:
    import countryinfo
    import pycountry

    centres: dict[str, tuple[float, float]] = {}
    for c in countryinfo.all_countries():
        info = c.info()
        cc = (info.get("ISO") or {}).get("alpha2")
        if cc and len(info.get("latlng") or []) == 2:
            centres.setdefault(cc, (float(info["latlng"][0]), float(info["latlng"][1])))
    out = []
    for i, c in enumerate(sorted(pycountry.countries, key=lambda c: c.alpha_2)):
        lat, lon = centres.get(c.alpha_2, (rng.uniform(-60, 70), rng.uniform(-180, 180)))
        admin1 = tuple(f"{k:02d}" for k in range(1, rng.randint(8, 34)))
        out.append(
            _Country(c.alpha_2, c.alpha_3, c.name, first_id + i, lat, lon, rng.uniform(1.0, 6.0), admin1)
        )
    return out


def _name_pool(rng: random.Random, size: int) -> list[str]:
    """``size`` distinct-ish names: 2-4 syllables, some marked, some with linkers or feature words."""
    pool = []
    syl = _SYLLABLES
    for _ in range(size):
        word = "".join(rng.choice(syl) for _ in range(rng.choice((2, 3, 3, 4, 4, 4, 5, 5))))
        r = rng.random()
        if r < 0.15:
            word = "".join(_MARKED.get(ch, ch) if rng.random() < 0.2 else ch for ch in word)
        name = word.capitalize()
        if r > 0.9:
            name = f"{rng.choice(_WORDS)} {name}"
        elif r > 0.85:
            other = "".join(rng.choice(syl) for _ in range(2)).capitalize()
            name = f"{name}-{rng.choice(('e', 'i'))}-{other}"
        elif r > 0.8:
            name = f"{name} {rng.choice(_SUFFIX)}"
        pool.append(name)
    return pool


def _ascii(name: str) -> str:
    from anyascii import anyascii

    return name if name.isascii() else anyascii(name)


def _row(gid: int, name: str, alts: str, lat: float, lon: float, fc: str, code: str, cc: str,
         a1: str, a2: str, pop: int) -> str:  # fmt: skip
    return (
        f"{gid}\t{name}\t{_ascii(name)}\t{alts}\t{lat:.5f}\t{lon:.5f}\t{fc}\t{code}\t{cc}\t\t{a1}\t{a2}\t\t\t"
        f"{pop}\t\t{int(abs(lat) * 10)}\tEtc/UTC\t2024-01-01\n"
    )


def write_dump(out: Path, spec: SynthSpec, *, log: bool = True) -> dict[str, int]:
    """Write the six files into ``out``; returns counts (places, alternates, admin1/2, hierarchy, bad)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(spec.seed)
    countries = _countries(rng, first_id=100)
    pool = _name_pool(rng, max(1000, spec.places // 2))
    common = pool[:1000]  # 1 % of places take one of these (the "Mill Creek"s of the world)
    classes = [c for c in _CLASSES]
    class_weights = [c[2] for c in classes]
    counts = {"places": 0, "alternates": 0, "admin1": 0, "admin2": 0, "hierarchy": 0, "bad": 0}
    gid = 10_000
    start = time.perf_counter()
    admin2_of: dict[tuple[str, str], list[str]] = {}
    with (
        (out / "allCountries.txt").open("w", encoding="utf-8") as places,
        (out / "admin1CodesASCII.txt").open("w", encoding="utf-8") as adm1,
        (out / "admin2Codes.txt").open("w", encoding="utf-8") as adm2,
        (out / "hierarchy.txt").open("w", encoding="utf-8") as hier,
        (out / "countryInfo.txt").open("w", encoding="utf-8") as cinfo,
    ):
        cinfo.write(COUNTRY_INFO_HEADER)
        for c in countries:
            pop = rng.randint(10_000, 50_000_000)
            cinfo.write(f"{c.cc}\t{c.iso3}\t000\t{c.cc}\t{c.name}\t\t1000\t{pop}\tAS\t.{c.cc.lower()}\tXXX\tMoney\t1"
                        f"\t\t\ten\t{c.gid}\t\t\n")  # fmt: skip
            places.write(_row(c.gid, c.name, c.iso3, c.lat, c.lon, "A", "PCLI", c.cc, "00", "", pop))
            counts["places"] += 1
            for a1 in c.admin1:
                gid += 1
                name = rng.choice(pool)
                lat, lon = _jitter(rng, c)
                adm1.write(f"{c.cc}.{a1}\t{name}\t{_ascii(name)}\t{gid}\n")
                places.write(
                    _row(gid, name, "", lat, lon, "A", "ADM1", c.cc, a1, "", rng.randint(0, 5_000_000))
                )
                hier.write(f"{c.gid}\t{gid}\tADM\n")
                a1_gid = gid
                codes = []
                for k in range(rng.randint(3, 12)):
                    gid += 1
                    a2 = f"{k + 1:03d}"
                    codes.append(a2)
                    name = rng.choice(pool)
                    adm2.write(f"{c.cc}.{a1}.{a2}\t{name}\t{_ascii(name)}\t{gid}\n")
                    lat2 = max(-89.9, min(89.9, lat + rng.gauss(0, 0.3)))
                    lon2 = (lon + rng.gauss(0, 0.3) + 180.0) % 360.0 - 180.0
                    places.write(_row(gid, name, "", lat2, lon2, "A", "ADM2", c.cc, a1, a2, 0))
                    hier.write(f"{a1_gid}\t{gid}\tADM\n")
                    counts["admin2"] += 1
                    counts["hierarchy"] += 1
                admin2_of[(c.cc, a1)] = codes
                counts["admin1"] += 1
                counts["hierarchy"] += 1
                counts["places"] += 1 + len(codes)
        remaining = spec.places - counts["places"]
        alt_every = max(1, remaining // max(1, spec.alternates)) if spec.alternates else 0
        with (out / "alternateNamesV2.txt").open("w", encoding="utf-8") as alts:
            alt_id = 1
            for i in range(remaining):
                gid += 1
                c = countries[rng.randrange(len(countries))]
                a1 = rng.choice(c.admin1)
                a2 = rng.choice(admin2_of[(c.cc, a1)])
                fc, codes_, _w = rng.choices(classes, class_weights)[0]
                name = common[rng.randrange(1000)] if rng.random() < 0.01 else pool[rng.randrange(len(pool))]
                lat, lon = _jitter(rng, c)
                pop = int(rng.paretovariate(1.2) * 50) if fc == "P" else 0
                alt_names = []
                if alt_every and i % alt_every == 0 and counts["alternates"] < spec.alternates:
                    for alt_row in _alternates(rng, gid, name, pool, alt_id):
                        alts.write(alt_row[1])
                        alt_names.append(alt_row[0])
                        alt_id += 1
                        counts["alternates"] += 1
                places.write(
                    _row(gid, name, ",".join(alt_names), lat, lon, fc, rng.choice(codes_), c.cc, a1, a2, pop)
                )
                counts["places"] += 1
                if log and i and i % 1_000_000 == 0:
                    print(
                        f"synth_geonames: {i:,} places ({time.perf_counter() - start:.0f} s)", file=sys.stderr
                    )
            if spec.bad:
                counts["bad"] = _plant_bad(places, alts, spec.bad, gid)
    return counts


def _jitter(rng: random.Random, c: _Country) -> tuple[float, float]:
    lat = max(-89.9, min(89.9, c.lat + rng.gauss(0, c.spread)))
    lon = c.lon + rng.gauss(0, c.spread)
    lon = (lon + 180.0) % 360.0 - 180.0
    return lat, lon


def _alternates(
    rng: random.Random, gid: int, name: str, pool: list[str], alt_id: int
) -> Iterator[tuple[str, str]]:
    """One to three alternate-name rows: other names, a historic one, sometimes a code or a link."""
    for k in range(rng.randint(1, 3)):
        lang = rng.choice(_ALT_LANGS)
        alt = (
            pool[rng.randrange(len(pool))]
            if k
            else name.upper()
            if rng.random() < 0.05
            else pool[rng.randrange(len(pool))]
        )
        if lang == "ru":
            alt = "".join(chr(0x430 + (ord(ch) % 32)) for ch in alt.lower() if ch.isalpha()) or alt
        preferred = "1" if rng.random() < 0.1 else ""
        short = "1" if rng.random() < 0.03 else ""
        colloquial = "1" if rng.random() < 0.02 else ""
        historic = "1" if rng.random() < 0.05 else ""
        yield alt, f"{alt_id + k}\t{gid}\t{lang}\t{alt}\t{preferred}\t{short}\t{colloquial}\t{historic}\t\t\n"
    if rng.random() < 0.02:
        yield "", f"{alt_id + 3}\t{gid}\tlink\thttps://example.org/wiki/{gid}\t\t\t\t\t\t\n"


def _plant_bad(places: object, alts: object, n: int, last_gid: int) -> int:
    """N lines of each malformed kind: short row, |lat| > 90, non-UTF-8 bytes, a repeated id."""
    import io

    assert isinstance(places, io.TextIOBase) and isinstance(alts, io.TextIOBase)
    for k in range(n):
        places.write(f"{last_gid + 1 + k}\tShort Row\tShort Row\n")
        places.write(_row(last_gid + n + 1 + k, "Off Earth", "", 95.0, 10.0, "P", "PPL", "AF", "01", "", 0))
        places.write(_row(last_gid, "Repeated Id", "", 10.0, 10.0, "P", "PPL", "AF", "01", "", 0))
        alts.write(f"{k}\tnot-a-number\ten\tBroken\n")
    places.flush()
    places.buffer.write(b"%d\tBad\xff\xfeBytes\tBad\t\t1.0\t1.0\tP\tPPL\tAF\t\t01\t\t\t\t0\t\t1\tEtc/UTC\t2024-01-01\n"
                        % (last_gid + 3 * n + 1))  # fmt: skip
    return 4 * n + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=FULL_PLACES)
    parser.add_argument("--alternates", type=int, default=FULL_ALTERNATES)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--bad", type=int, default=0, help="plant N malformed lines of each kind")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    spec = SynthSpec(places=args.places, alternates=args.alternates, seed=args.seed, bad=args.bad)
    start = time.perf_counter()
    counts = write_dump(args.out, spec)
    print(
        f"synth_geonames: wrote {counts} to {args.out} in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
