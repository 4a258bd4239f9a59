"""Invented crime figures and populations of the demo (the seed pages give none): the Land Saxony's
and those of Zwickau, Zittau and Meißen, for the main offence keys and the years the demo rounds
look at. Every crime figure is stored with demo=True, so pages label them "Demo-Zahlen (erfunden)";
populations carry "Demo-Zahl" as their source.

The figures follow a simple model so that they read like real statistics and fit the findings the
demo rounds write about them: the Land's Häufigkeitszahl per key with a yearly trend, and each KPR's
level against the Land with a drift that may turn in a year (after a measure started)."""

from __future__ import annotations

from .reference import TOTAL

FEDERAL_STATE = "Sachsen"
BASE_YEAR = 2017
LAND_YEARS = range(2017, 2026)
# the Land's inhabitants (rounded, plausible; the model has no demo flag for them)
LAND_POPULATION = {2017: 4_081_000, 2018: 4_078_000, 2019: 4_072_000, 2020: 4_057_000, 2021: 4_043_000,
                   2022: 4_086_000, 2023: 4_090_000, 2024: 4_073_000, 2025: 4_060_000}
KEYS = [TOTAL, "220000", "435*00", "510000", "674000", "730000", "892000", "899000"]
# the Land's Häufigkeitszahl in the base year and its yearly change
LAND_RATE = {TOTAL: 7400, "220000": 640, "435*00": 75, "510000": 1150, "674000": 760, "730000": 300,
             "892000": 200, "899000": 1650}
LAND_TREND = {TOTAL: -0.02, "220000": 0.005, "435*00": -0.08, "510000": -0.01, "674000": -0.02, "730000": 0.02,
              "892000": -0.005, "899000": -0.03}
# per key: share of attempts, share cleared, suspects per cleared case
SHARES = {TOTAL: (0.06, 0.57, 0.72), "220000": (0.02, 0.88, 0.95), "435*00": (0.45, 0.15, 0.9),
          "510000": (0.10, 0.74, 0.8), "674000": (0.01, 0.24, 0.85), "730000": (0.0, 0.95, 0.9),
          "892000": (0.05, 0.80, 1.1), "899000": (0.04, 0.18, 0.9)}

# slug -> key ("*" for the others) -> (level against the Land, drift per year up to `turn`, turn, drift after)
PROFILES: dict[str, dict[str, tuple[float, float, int, float]]] = {
    "zwickau": {"*": (1.10, 0.0, 9999, 0.0), "674000": (1.30, 0.03, 2021, -0.035),
                "730000": (1.25, 0.05, 2021, -0.025), "892000": (1.15, 0.0, 2021, 0.005),
                "510000": (1.00, 0.02, 2021, -0.03), "899000": (1.20, 0.0, 2021, -0.01)},
    "zittau": {"*": (1.08, 0.0, 9999, 0.0), "899000": (1.30, 0.01, 9999, 0.0), "674000": (1.28, 0.01, 9999, 0.0),
               "730000": (1.15, 0.07, 9999, 0.0), "435*00": (0.75, -0.06, 9999, 0.0)},
    "meissen": {"*": (1.02, 0.0, 9999, 0.0)},
}
# slug -> year -> inhabitants (invented, ending at the demo KPR's population)
POPULATIONS = {
    "zwickau": {2017: 90_200, 2018: 89_800, 2019: 89_400, 2020: 88_700, 2021: 88_300, 2022: 88_100, 2023: 87_900,
                2024: 87_700, 2025: 87_500},
    "zittau": {2020: 25_800, 2021: 25_600, 2022: 25_500, 2023: 25_350, 2024: 25_200},
    "meissen": {2021: 28_500, 2022: 28_400, 2023: 28_300, 2024: 28_200, 2025: 28_100},
}
POPULATION_SOURCE = "Demo-Zahl (erfunden)"
# slug -> (keys, years) entered; Meißen has begun with a few keys of the last three years
ENTERED = {
    "zwickau": (KEYS, range(2017, 2022)),
    "zittau": (KEYS, range(2020, 2025)),
    "meissen": ([TOTAL, "892000", "899000", "674000"], range(2023, 2026)),
}


def _wobble(key: str, year: int, seed: int) -> float:
    """A small, repeatable year-to-year variation of -3 % to +3 %."""
    return ((year * 31 + KEYS.index(key) * 17 + seed) % 7 - 3) / 100


def land_rate(key: str, year: int) -> float:
    return LAND_RATE[key] * (1 + LAND_TREND[key]) ** (year - BASE_YEAR) * (1 + _wobble(key, year, 0) / 2)


def land_cases(key: str, year: int) -> int:
    return round(land_rate(key, year) * LAND_POPULATION[year] / 100_000)


def kpr_cases(slug: str, key: str, year: int) -> int:
    """The KPR's cases of a key in a year (also for later years, which goals record as measurements)."""
    profile = PROFILES[slug]
    level, before, turn, after = profile.get(key, profile["*"])
    drift = 1.0
    for y in range(BASE_YEAR + 1, year + 1):
        drift *= 1 + (before if y <= turn else after)
    rate = land_rate(key, year) * level * drift * (1 + _wobble(key, year, len(slug)))
    return round(rate * POPULATIONS[slug][year] / 100_000)


def details(key: str, cases: int) -> dict[str, int]:
    """Attempts, cleared cases and suspects that fit the cases."""
    attempts, cleared, suspects = SHARES[key]
    return {"attempts": round(cases * attempts), "cleared": round(cases * cleared),
            "suspects": round(cases * cleared * suspects)}
