"""Where a KPR lies: the German Länder and Saxony's districts, keyed by their official keys.

The Amtlicher Gemeindeschlüssel (AGS, 8 digits) begins with the key of its Land (2 digits) and of
its district (5 digits). Saxony's ten Landkreise and three Kreisfreie Städte are chosen from this
list, never typed, so that "LK Zwickau" cannot become a district of its own in filters, the map
and the reports. We hold no list of the other Länder's districts: a KPR outside Saxony names its
district itself, and its AGS must at least begin with its Land's key.
"""

from __future__ import annotations

from dataclasses import dataclass

SAXONY = "Sachsen"

# Land key (first two digits of the AGS) -> Land
LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern",
    "14": SAXONY, "15": "Sachsen-Anhalt", "16": "Thüringen",
}
LAND_KEYS = {name: key for key, name in LAENDER.items()}

LANDKREIS = "Landkreis"
KREISFREIE_STADT = "Kreisfreie Stadt"


@dataclass(frozen=True)
class District:
    key: str  # the first five digits of every AGS inside it
    name: str  # as stored in Tenant.district and shown in filters and reports
    kind: str  # LANDKREIS or KREISFREIE_STADT


# Saxony since the district reform of 2008 (Statistisches Landesamt Sachsen, Gemeindeverzeichnis).
SAXONY_DISTRICTS: dict[str, District] = {d.key: d for d in (
    District("14511", "Stadt Chemnitz", KREISFREIE_STADT),
    District("14521", "Erzgebirgskreis", LANDKREIS),
    District("14522", "Landkreis Mittelsachsen", LANDKREIS),
    District("14523", "Vogtlandkreis", LANDKREIS),
    District("14524", "Landkreis Zwickau", LANDKREIS),
    District("14612", "Stadt Dresden", KREISFREIE_STADT),
    District("14625", "Landkreis Bautzen", LANDKREIS),
    District("14626", "Landkreis Görlitz", LANDKREIS),
    District("14627", "Landkreis Meißen", LANDKREIS),
    District("14628", "Landkreis Sächsische Schweiz-Osterzgebirge", LANDKREIS),
    District("14713", "Stadt Leipzig", KREISFREIE_STADT),
    District("14729", "Landkreis Leipzig", LANDKREIS),
    District("14730", "Landkreis Nordsachsen", LANDKREIS),
)}
BY_NAME = {d.name: d for d in SAXONY_DISTRICTS.values()}


class PlaceError(ValueError):
    """A KPR's place that does not fit together; `field` names the form field to show it at."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def saxon_district(name: str) -> District | None:
    return BY_NAME.get(name)


def resolve_district(ags: str, federal_state: str, district_key: str, other_district: str = "") -> str:
    """The district name to store for a KPR, from the key chosen in the list (Saxony) or the name
    typed (elsewhere); raises PlaceError where AGS, Land and district do not fit together."""
    if federal_state not in LAND_KEYS:
        raise PlaceError("Bitte wählen Sie das Bundesland aus der Liste.", "federal_state")
    if federal_state == SAXONY:
        district = SAXONY_DISTRICTS.get(district_key or "")
        if district is None:
            raise PlaceError("Bitte wählen Sie den Landkreis oder die Kreisfreie Stadt aus der Liste.", "district")
        if not ags.startswith(district.key):
            raise PlaceError(f"Der AGS einer Kommune in {district.name} beginnt mit {district.key}.", "ags")
        return district.name
    if district_key:
        raise PlaceError(f"{SAXONY_DISTRICTS[district_key].name} liegt in Sachsen, nicht in {federal_state}."
                         if district_key in SAXONY_DISTRICTS else
                         "Bitte wählen Sie den Landkreis aus der Liste.", "district")
    name = " ".join((other_district or "").split())
    if not name:
        raise PlaceError(f"Bitte geben Sie den Landkreis in {federal_state} ein.", "other_district")
    if not ags.startswith(LAND_KEYS[federal_state]):
        raise PlaceError(f"Der AGS einer Kommune in {federal_state} beginnt mit {LAND_KEYS[federal_state]}.", "ags")
    return name


def district_key_of(federal_state: str, district: str) -> str:
    """The list entry for a stored district: its key in Saxony, "" (named separately) elsewhere."""
    found = BY_NAME.get(district) if federal_state == SAXONY else None
    return found.key if found else ""
