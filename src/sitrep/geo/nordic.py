"""The Nordic places layer: every postal place and municipality of NO, SE, DK, FI and IS, shipped in the package.

``python -m sitrep.geo.nordic --data ../shared/data/places`` builds ``geo/data/nordic-places.tsv`` from GeoNames'
postal-code export (``geonames-postal/XX.txt``: one row per postal code, with place name, county, municipality
and coordinates) and admin-code tables (``geonames-admin/admin2Codes.txt``: municipality names and GeoNames ids),
both CC BY 4.0, "Contains data from GeoNames (https://www.geonames.org/)". A place is one row per name and
municipality, at the mean of its postal codes' coordinates; a municipality is a row at the mean of its places.
Small places the global gazetteer lacks (Stabekk, Kråkerøy) and municipalities (Bærum, Hustadvika) come from here.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources
from pathlib import Path

import typer

COUNTRIES = ("NO", "SE", "DK", "FI", "IS")
FIELDS = ("kind", "name", "country", "admin1", "municipality", "municipality_code", "geonameid", "lat", "lon",
          "postal_codes")
HEADER = ("# Nordic postal places and municipalities. Contains data from GeoNames (https://www.geonames.org/), "
          "CC BY 4.0; built by `python -m sitrep.geo.nordic` (sitrep.geo.nordic).")


def shipped_path() -> Path:
    return Path(str(resources.files("sitrep.geo") / "data" / "nordic-places.tsv"))


def build_rows(data: Path) -> list[dict]:
    """The layer's rows from the GeoNames files in ``data`` (``geonames-postal/``, ``geonames-admin/``)."""
    admin2 = {}
    for line in (data / "geonames-admin" / "admin2Codes.txt").read_text(encoding="utf-8").splitlines():
        code, name, _ascii, geonameid = line.split("\t")
        country, _a1, number = code.split(".")
        if country in COUNTRIES:
            admin2[(country, number)] = (name, geonameid)
    places: dict[tuple, list] = defaultdict(list)
    for country in COUNTRIES:
        path = data / "geonames-postal" / f"{country}.txt"
        for row in csv.reader(path.open(encoding="utf-8"), delimiter="\t"):
            if not row[9] or not row[10]:
                continue
            key = (country, row[2], row[3], row[5], row[6])
            places[key].append((float(row[9]), float(row[10])))
    out, municipalities = [], defaultdict(list)
    for (country, name, county, municipality, number), points in sorted(places.items()):
        lat, lon = (round(sum(p[i] for p in points) / len(points), 4) for i in (0, 1))
        out.append({"kind": "place", "name": name, "country": country, "admin1": county,
                    "municipality": municipality, "municipality_code": number, "geonameid": "",
                    "lat": lat, "lon": lon, "postal_codes": len(points)})
        if number:
            municipalities[(country, number)].append((lat, lon, len(points), municipality, county))
    for (country, number), points in sorted(municipalities.items()):
        _lat, _lon, _n, municipality, county = max(points, key=lambda p: (p[2], p[3], p[4]))
        name, geonameid = admin2.get((country, number), (municipality, ""))
        total = sum(p[2] for p in points)
        lat, lon = (round(sum(p[i] * p[2] for p in points) / total, 4) for i in (0, 1))
        out.append({"kind": "municipality", "name": name, "country": country, "admin1": county,
                    "municipality": name, "municipality_code": number, "geonameid": geonameid,
                    "lat": lat, "lon": lon, "postal_codes": total})
    return out


def read_rows(path: Path | None = None) -> list[dict]:
    path = path or shipped_path()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


cli = typer.Typer(add_completion=False)


@cli.command()
def main(
    data: Path = typer.Option(Path("../shared/data/places"), help="folder with geonames-postal/ and geonames-admin/"),
    out: Path = typer.Option(None, help="where to write (default: the package's geo/data/nordic-places.tsv)"),
) -> None:
    rows = build_rows(data)
    out = out or shipped_path()
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        writer = csv.DictWriter(f, fieldnames=FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    by_kind = defaultdict(int)
    for row in rows:
        by_kind[(row["country"], row["kind"])] += 1
    typer.echo(f"wrote {out}: {dict(sorted(by_kind.items()))}")


if __name__ == "__main__":
    cli()
