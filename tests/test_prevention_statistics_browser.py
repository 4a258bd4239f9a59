"""The statistics pages in a browser: axe-core finds no violation and nothing scrolls sideways at
320 px — the wide crime table scrolls inside its own labelled region — including the import page
listing the bad rows of a refused file, reached with the keyboard."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser

BAD_FILE = ("Jahr;Straftatenschlüssel;Fälle;aufgeklärte Fälle\r\n2021;674000;1.234;600\r\n"
            "2021;892000;87;90\r\n2021;123456;5;\r\n").encode("cp1252")


def _objects(app) -> dict[str, int]:
    with app.app_context(), tenant_context(tenant("zwickau").id):
        figure_id = db.session.scalar(sa.select(CrimeFigure.id).filter_by(year=2021, offence_key="674000"))
        series = IndicatorSeries(name="Ordnungswidrigkeiten Lärm", unit="Anzahl", source="Ordnungsamt",
                                 values=[IndicatorValue(year=2022, value=Decimal("1234.5"))])
        db.session.add(series)
        db.session.commit()
        return {"figure": figure_id, "series": series.id}


def test_statistics_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed, tmp_path):
    ids = _objects(committed)
    base = f"{live_server}/k/zwickau/praevention"
    pages = {
        "koordination.zwickau": [
            f"{base}/kriminalstatistik", f"{base}/kriminalstatistik?von=2012&bis=2021",
            f"{base}/kriminalstatistik/neu",
            f"{base}/kriminalstatistik/{ids['figure']}/bearbeiten",
            f"{base}/kriminalstatistik/{ids['figure']}/loeschen",
            f"{base}/kriminalstatistik/import", f"{base}/einwohnerzahlen", f"{base}/einwohnerzahlen?jahr=2020",
            f"{base}/kennzahlen", f"{base}/kennzahlen/neu", f"{base}/kennzahlen/{ids['series']}",
            f"{base}/kennzahlen/{ids['series']}/bearbeiten", f"{base}/kennzahlen/{ids['series']}/werte/2022/entfernen",
            f"{base}/kennzahlen/{ids['series']}/loeschen"],
        "mitglied.zwickau": [f"{base}/kriminalstatistik", f"{base}/einwohnerzahlen",
                             f"{base}/kennzahlen/{ids['series']}"],
        "land": [f"{live_server}/land/kriminalstatistik", f"{live_server}/land/kriminalstatistik?land=Bayern&jahr=2020",
                 f"{live_server}/k/meissen/praevention/kriminalstatistik"],
    }
    axe, problems = Axe(), []
    bad = tmp_path / "fallzahlen.csv"
    bad.write_bytes(BAD_FILE)
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "koordination.zwickau":  # a refused file, chosen and sent with the keyboard
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{base}/kriminalstatistik/import")
                page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(bad))
                page.get_by_role("button", name="Importieren").focus()
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                text = page.inner_text("main")
                assert "Die Datei wurde nicht importiert" in text and "können nicht mehr sein als die Fälle" in text
                assert "steht nicht im Katalog" in text
                if width == 1280:
                    problems += [("Importfehler", v["id"]) for v in axe.run(page).response["violations"]]
                else:
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    if overflow > 0:
                        problems.append(("Importfehler", "scrolls sideways at 320 px", overflow))
        context.close()
    assert not problems, "\n".join(map(str, problems))
