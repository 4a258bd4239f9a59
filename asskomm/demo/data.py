"""Demo KPRs and people, modelled on the seed documents (facts from them, our own words)."""

from __future__ import annotations

from datetime import date

# The alliances (a state's network each): Saxony's is the first, made by migration c17a00000001;
# Mecklenburg-Vorpommern's answers at mv.localhost in the demo (browsers send *.localhost to this machine).
FIRST_ALLIANCE = "sachsen"
ALLIANCES = [
    # as migration c17a00000001 makes it (again here when the tables were emptied)
    dict(slug=FIRST_ALLIANCE, name="Allianz Sichere Sächsische Kommunen", short_name="ASSKomm",
         federal_state="Sachsen", host=None, council_term="Kommunaler Präventionsrat",
         operator_name="Landespräventionsrat Sachsen", operator_address="", operator_email="", mail_sender="",
         accent_colour="", compares_across=True),
    dict(slug="mv", name="Kommunale Kriminalprävention Mecklenburg-Vorpommern", short_name="KKP M-V",
         federal_state="Mecklenburg-Vorpommern", host="mv.localhost", council_term="Präventionsrat",
         operator_name="Landesrat für Kriminalitätsvorbeugung Mecklenburg-Vorpommern",
         operator_address="Alexandrinenstraße 1, 19055 Schwerin", operator_email="lfk@demo.asskomm.de",
         mail_sender="lfk@demo.asskomm.de", accent_colour="#00507d",
         # its own application window for funding; it compares its survey benchmark with Saxony's
         funding_window_start="31.08", funding_window_end="30.11", compares_across=True),
]

# slug, name, kind, AGS, district, federal state, population, police, status, status dates; the
# alliance where it is not Saxony's
TENANTS = [
    dict(slug="zwickau", name="Stadt Zwickau", kind="city", ags="14524330", district="Landkreis Zwickau",
         federal_state="Sachsen", population=87_500, police_directorate="Polizeidirektion Zwickau",
         status="active", contacted_on=date(2019, 3, 1), agreement_signed_on=date(2019, 11, 12),
         founded_on=date(2020, 9, 24), active_on=date(2021, 10, 7)),
    dict(slug="zittau", name="Große Kreisstadt Zittau", kind="city", ags="14626610", district="Landkreis Görlitz",
         federal_state="Sachsen", population=25_200, police_directorate="Polizeidirektion Görlitz",
         status="founded", contacted_on=date(2020, 6, 15), agreement_signed_on=date(2021, 5, 20),
         founded_on=date(2023, 3, 14)),
    dict(slug="meissen", name="Stadt Meißen", kind="city", ags="14627170", district="Landkreis Meißen",
         federal_state="Sachsen", population=28_100, police_directorate="Polizeidirektion Dresden",
         status="agreement_signed", contacted_on=date(2021, 4, 1), agreement_signed_on=date(2022, 6, 29)),
    dict(alliance="mv", slug="landkreis-rostock", name="Landkreis Rostock", kind="district", ags="13072000",
         district="Landkreis Rostock", federal_state="Mecklenburg-Vorpommern", population=216_000,
         police_directorate="Polizeipräsidium Rostock", status="active", contacted_on=date(2018, 2, 1),
         agreement_signed_on=date(2018, 9, 1), founded_on=date(2018, 11, 15), active_on=date(2019, 1, 1)),
    dict(slug="plauen", name="Stadt Plauen", kind="city", ags="14523320", district="Vogtlandkreis",
         federal_state="Sachsen", population=64_000, police_directorate="Polizeidirektion Zwickau",
         status="contacted", contacted_on=date(2026, 5, 11)),
    dict(slug="bautzen", name="Stadt Bautzen", kind="city", ags="14625020", district="Landkreis Bautzen",
         federal_state="Sachsen", population=38_000, police_directorate="Polizeidirektion Görlitz",
         status="agreement_signed", contacted_on=date(2024, 2, 5), agreement_signed_on=date(2025, 3, 18)),
    dict(slug="freiberg", name="Stadt Freiberg", kind="city", ags="14522180", district="Landkreis Mittelsachsen",
         federal_state="Sachsen", population=40_500, police_directorate="Polizeidirektion Chemnitz",
         status="dormant", contacted_on=date(2017, 9, 1), agreement_signed_on=date(2018, 4, 10),
         founded_on=date(2018, 10, 2), active_on=date(2019, 2, 1), dormant_on=date(2024, 7, 1)),
    # Towns of Landkreis Rostock that its PräventionsForum invites.
    dict(alliance="mv", slug="guestrow", name="Stadt Güstrow", kind="city", ags="13072055",
         district="Landkreis Rostock", federal_state="Mecklenburg-Vorpommern", population=28_900,
         police_directorate="Polizeipräsidium Rostock", status="founded", contacted_on=date(2022, 5, 2),
         agreement_signed_on=date(2023, 1, 16), founded_on=date(2023, 9, 12)),
    dict(alliance="mv", slug="bad-doberan", name="Stadt Bad Doberan", kind="city", ags="13072006",
         district="Landkreis Rostock", federal_state="Mecklenburg-Vorpommern", population=12_600,
         police_directorate="Polizeipräsidium Rostock", status="contacted", contacted_on=date(2025, 10, 6)),
]

# email, name, global roles, alliance (Saxony's where not named)
STATE_PEOPLE = [
    ("land@demo.asskomm.de", "Katrin Albrecht", ["state_admin"]),
    ("kontakt@demo.asskomm.de", "Jens Hoffmann", ["state_contact"]),
    ("kontakt2@demo.asskomm.de", "Sabine Lorenz", ["state_contact"]),
    ("coach1@demo.asskomm.de", "Thomas Wagner", ["coach"]),
    ("coach2@demo.asskomm.de", "Ulrike Schubert", ["coach"]),
    ("land-mv@demo.asskomm.de", "Maren Thiede", ["state_admin"], "mv"),
    ("kontakt-mv@demo.asskomm.de", "Ole Petersen", ["state_contact"], "mv"),
    ("coach-mv@demo.asskomm.de", "Jana Brüning", ["coach"], "mv"),
    # The installation's operator: its role holds on every host (its row sits in the first alliance).
    ("betrieb@demo.asskomm.de", "Frank Reuter", ["operator"]),
]

# tenant slug -> (coach email, contact email)
ASSIGNMENTS = {
    "zwickau": ("coach1@demo.asskomm.de", "kontakt@demo.asskomm.de"),
    "zittau": ("coach1@demo.asskomm.de", "kontakt2@demo.asskomm.de"),
    "meissen": ("coach2@demo.asskomm.de", "kontakt@demo.asskomm.de"),
    "landkreis-rostock": ("coach-mv@demo.asskomm.de", "kontakt-mv@demo.asskomm.de"),
    "guestrow": ("coach-mv@demo.asskomm.de", "kontakt-mv@demo.asskomm.de"),
    "bautzen": ("coach1@demo.asskomm.de", "kontakt2@demo.asskomm.de"),
}

# tenant slug -> (coordinator name, member name, further members)
PEOPLE = {
    "zwickau": ("Nadine Kretzschmar", "Frank Uhlig", ["Polizeirevier Zwickau: Steffen Richter",
                                                      "Amt für Familie, Schule und Soziales: Anja Seidel"]),
    "zittau": ("Marlene Görner", "Robert Kaiser", ["Bürgerpolizei Zittau: Daniel Neumann"]),
    "meissen": ("Christiane Böhme", "Peter Franke", []),
    "landkreis-rostock": ("Birgit Voß", "Heiko Brandt", ["Kreisjugendring: Lea Möller",
                                                         "Polizeiinspektion Güstrow: Uwe Krüger"]),
    "plauen": ("Andrea Fiedler", "Martin Roth", []),
    "bautzen": ("Jana Nowak", "Stefan Ziesche", []),
    "freiberg": ("Ines Hahn", "Tobias Lehmann", []),
    "guestrow": ("Kerstin Lüders", "Mirko Evers", []),
    "bad-doberan": ("Anke Reimers", "Jörg Harder", []),
}
