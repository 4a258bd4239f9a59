"""The cooperation agreement through HTTP: the state council records it with its signed paper,
the KPR and its coach read it; the lifecycle and the KPR's agreement date follow it."""

from __future__ import annotations

import io
from datetime import date, timedelta

import sqlalchemy as sa

from asskomm.agreements.models import AgreementRenewal, CooperationAgreement, Party
from asskomm.documents.demo import pdf_bytes
from asskomm.documents.models import Document, DocumentCategory, DocumentVersion, Visibility
from asskomm.state.models import StatusChange
from asskomm.timeutil import today
from tenants import TenantStatus, cross_tenant, tenant_context

from .helpers import tenant, user

PAPER = pdf_bytes("Kooperationsvereinbarung Plauen", ["Stadt Plauen", "Polizeidirektion Zwickau", "LPR"])


def _form(**changes) -> dict:
    form = {"signed_on": "2026-06-01", "police_directorate": "Polizeidirektion Zwickau", "valid_until": "2031-05-31",
            "notes": "Im Rathaus unterzeichnet.",
            "municipality-0-name": "Ute Reinhold", "municipality-0-function": "Oberbürgermeisterin",
            "municipality-1-name": "Lars Fiedler", "municipality-1-function": "Ordnungsamt",
            "police-0-name": "Mario Sachse", "police-0-function": "Präsident der Polizeidirektion",
            "state_council-0-name": "Dr. Henrik Ostermann", "state_council-0-function": "Geschäftsführer"}
    form.update(changes)
    return form


def _with_file(form: dict, content: bytes = PAPER, name: str = "Vereinbarung Plauen.pdf") -> dict:
    return {**form, "file": (io.BytesIO(content), name)}


def _agreements(ctx, slug: str) -> list[CooperationAgreement]:
    with ctx() as session, tenant_context(tenant(slug).id):
        rows = session.scalars(sa.select(CooperationAgreement).order_by(CooperationAgreement.signed_on)).all()
        for row in rows:
            _ = row.signatories, row.renewals
        session.expunge_all()
        return rows


def _state(ctx, slug: str) -> tuple:
    with ctx() as session:
        t = tenant(slug)
        history = session.scalars(sa.select(StatusChange).filter_by(tenant_id=t.id).order_by(StatusChange.id)).all()
        return t.status, t.agreement_signed_on, [(h.status, h.effective_on, h.changed_by_id) for h in history]


def _documents(ctx, slug: str) -> list[tuple]:
    with ctx() as session, tenant_context(tenant(slug).id):
        return session.execute(sa.select(Document.title, sa.func.count(DocumentVersion.id)).outerjoin(
            DocumentVersion).group_by(Document.id, Document.title).order_by(Document.id)).all()


def test_first_agreement_moves_the_lifecycle_and_stores_the_signed_paper(client_as, ctx):
    assert _agreements(ctx, "plauen") == []
    status, signed_on, history = _state(ctx, "plauen")
    assert status == TenantStatus.contacted and signed_on is None
    admin = client_as("land")
    response = admin.submit("/k/plauen/vereinbarung/neu", _with_file(_form()), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)

    [agreement] = _agreements(ctx, "plauen")
    assert agreement.signed_on == date(2026, 6, 1) and agreement.valid_until == date(2031, 5, 31)
    assert {(s.party, s.name, s.function) for s in agreement.signatories} == {
        (Party.municipality, "Ute Reinhold", "Oberbürgermeisterin"),
        (Party.municipality, "Lars Fiedler", "Ordnungsamt"),
        (Party.police, "Mario Sachse", "Präsident der Polizeidirektion"),
        (Party.state_council, "Dr. Henrik Ostermann", "Geschäftsführer")}
    with ctx():
        land_id = user("land").id
    assert agreement.recorded_by_id == land_id
    status, signed_on, new_history = _state(ctx, "plauen")
    assert status == TenantStatus.agreement_signed and signed_on == date(2026, 6, 1)
    assert new_history[len(history):] == [(TenantStatus.agreement_signed, date(2026, 6, 1), land_id)]
    with ctx() as session, tenant_context(tenant("plauen").id):
        document = session.get(Document, agreement.document_id)
        assert document.category == DocumentCategory.agreement and document.visibility == Visibility.internal

    page = client_as("koordination.plauen").get("/k/plauen/vereinbarung").get_data(as_text=True)
    for text in ("01.06.2026", "31.05.2031", "Polizeidirektion Zwickau", "Ute Reinhold", "Oberbürgermeisterin",
                 "Mario Sachse", "Landespräventionsrat", "Katrin Albrecht", f"/vereinbarung/{agreement.id}/dokument"):
        assert text in page, text
    download = client_as("koordination.plauen").get(f"/k/plauen/vereinbarung/{agreement.id}/dokument")
    assert download.status_code == 200 and download.data == PAPER
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "private" in download.headers["Cache-Control"]
    # The state overview shows the KPR's agreement date.
    assert "01.06.2026" in admin.get("/land/").get_data(as_text=True)


def test_edit_adds_a_version_and_keeps_the_agreement_date_in_sync(client_as, ctx):
    contact = client_as("kontakt")  # Zwickau's contact; the demo has Zwickau's agreement of 2019
    [agreement] = _agreements(ctx, "zwickau")
    status, _, history = _state(ctx, "zwickau")
    url = f"/k/zwickau/vereinbarung/{agreement.id}/bearbeiten"
    form_page = contact.get(url).get_data(as_text=True)
    assert "Carola Brenner" in form_page and "Polizeidirektion Zwickau" in form_page
    versions_before = dict(_documents(ctx, "zwickau"))
    new_paper = pdf_bytes("Kooperationsvereinbarung Zwickau", ["zweite Fassung"])
    changed = _form(signed_on="2019-11-05", valid_until="2029-12-31", police_directorate="Polizeidirektion Zwickau")
    response = contact.submit(url, _with_file(changed, new_paper, "Zwickau.pdf"), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    [edited] = _agreements(ctx, "zwickau")
    assert edited.signed_on == date(2019, 11, 5) and edited.document_id == agreement.document_id
    assert {s.name for s in edited.signatories} == {"Ute Reinhold", "Lars Fiedler", "Mario Sachse",
                                                    "Dr. Henrik Ostermann"}
    assert len(edited.renewals) == len(agreement.renewals)
    after = dict(_documents(ctx, "zwickau"))
    assert sum(after.values()) == sum(versions_before.values()) + 1 and len(after) == len(versions_before)
    assert _state(ctx, "zwickau") == (status, date(2019, 11, 5), history)  # active stays active
    download = contact.get(f"/k/zwickau/vereinbarung/{agreement.id}/dokument")
    assert download.status_code == 200 and download.data == new_paper


def test_a_later_agreement_keeps_the_date_of_the_first(client_as, ctx):
    admin = client_as("land")
    assert admin.submit("/k/zwickau/vereinbarung/neu", _form(signed_on="2025-01-15", valid_until="")).status_code == 302
    assert _state(ctx, "zwickau")[1] == date(2019, 11, 12)
    page = admin.get("/k/zwickau/vereinbarung").get_data(as_text=True)
    assert page.index("Aktuelle Vereinbarung vom 15.01.2025") < page.index("Frühere Vereinbarungen") < page.index(
        "Vereinbarung vom 12.11.2019")
    assert "unbefristet" in page


def test_bad_agreements_are_refused_and_change_nothing(client_as, ctx):
    admin = client_as("land")
    cases = [
        (_form(**{"police-0-name": "", "police-0-function": ""}), "für die Polizeidirektion unterzeichnet"),
        (_form(**{"municipality-0-name": "", "municipality-0-function": "", "municipality-1-name": "",
                  "municipality-1-function": ""}), "für die Kommune unterzeichnet"),
        (_form(**{"municipality-1-name": ""}), "zur Funktion „Ordnungsamt“ auch den Namen"),
        (_form(**{"state_council-0-name": "", "state_council-0-function": ""}),
         "für den Landespräventionsrat unterzeichnet"),
        (_form(signed_on=(today() + timedelta(days=1)).isoformat()), "nicht in der Zukunft"),
        (_form(valid_until="2026-05-31"), "nicht vor ihrer Unterzeichnung enden"),
        (_form(signed_on=""), "Datum der Unterzeichnung"),
        (_form(police_directorate=" "), "Polizeidirektion an"),
        (_with_file(_form(), b"MZ\x90\x00 not a pdf", "vertrag.pdf"), "Datei"),
    ]
    documents = _documents(ctx, "plauen")
    for data, message in cases:
        response = admin.submit("/k/plauen/vereinbarung/neu", data, content_type="multipart/form-data")
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True), message
    assert _agreements(ctx, "plauen") == []
    assert _documents(ctx, "plauen") == documents
    assert _state(ctx, "plauen")[:2] == (TenantStatus.contacted, None)


def test_renewal_extends_the_validity_and_bad_renewals_change_nothing(client_as, ctx):
    contact = client_as("kontakt")
    [agreement] = _agreements(ctx, "meissen")  # signed 29.06.2022, valid until 28.06.2027
    url = f"/k/meissen/vereinbarung/{agreement.id}/verlaengerung"
    bad = [
        ({"renewed_on": "2022-06-28", "valid_until": "2032-06-28"}, "nicht vor der Unterzeichnung"),
        ({"renewed_on": (today() + timedelta(days=1)).isoformat(), "valid_until": "2032-06-28"},
         "nicht in der Zukunft"),
        ({"renewed_on": "2026-01-10", "valid_until": "2027-06-28"}, "nach dem 28.06.2027 enden"),
        ({"renewed_on": "2026-01-10", "valid_until": ""}, "bis wann die Vereinbarung nun gilt"),
    ]
    for data, message in bad:
        response = contact.submit(url, data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    [unchanged] = _agreements(ctx, "meissen")
    assert unchanged.valid_until == date(2027, 6, 28) and unchanged.renewals == []
    response = contact.submit(url, {"renewed_on": "2026-01-10", "valid_until": "2032-06-28", "note": "Evaluation"})
    assert response.status_code == 302
    [renewed] = _agreements(ctx, "meissen")
    assert renewed.valid_until == date(2032, 6, 28)
    assert [(r.renewed_on, r.valid_until, r.note) for r in renewed.renewals] == [
        (date(2026, 1, 10), date(2032, 6, 28), "Evaluation")]
    page = contact.get("/k/meissen/vereinbarung").get_data(as_text=True)
    assert "10.01.2026" in page and "28.06.2032" in page and "Evaluation" in page


def test_who_may_read_and_edit(client_as, ctx):
    [agreement] = _agreements(ctx, "zwickau")
    base = "/k/zwickau/vereinbarung"
    edit, document, renew = (f"{base}/{agreement.id}/bearbeiten", f"{base}/{agreement.id}/dokument",
                             f"{base}/{agreement.id}/verlaengerung")
    renewal = {"renewed_on": "2026-01-10", "valid_until": "2035-01-01"}
    for login in ("coach1", "koordination.zwickau"):  # read, download, never edit
        client = client_as(login)
        page = client.get(base)
        assert page.status_code == 200 and "Carola Brenner" in page.get_data(as_text=True)
        assert "Verlängerung eintragen" not in page.get_data(as_text=True)
        assert client.get(document).status_code == 200
        assert client.get(f"{base}/neu").status_code == 403
        assert client.submit(f"{base}/neu", _form()).status_code == 403
        assert client.get(edit).status_code == 403
        assert client.submit(edit, _form()).status_code == 403
        assert client.submit(renew, renewal).status_code == 403
    member = client_as("mitglied.zwickau")  # DESIGN: members read the agreement, like the master data
    assert member.get(base).status_code == 200 and member.get(document).status_code == 200
    assert member.get(f"{base}/neu").status_code == 403 and member.submit(renew, renewal).status_code == 403
    for login in ("coach2", "koordination.zittau"):  # not theirs: the KPR does not exist for them
        client = client_as(login)
        assert client.get(base).status_code == 404 and client.get(document).status_code == 404
    assert client_as("kontakt").get("/k/zittau/vereinbarung").status_code == 404  # contact of another KPR
    # Zwickau's agreement under Zittau's address (an assigned coach of both): 404, not 403 or 200.
    assert client_as("coach1").get(f"/k/zittau/vereinbarung/{agreement.id}/dokument").status_code == 404
    assert client_as("land").submit(f"/k/zittau/vereinbarung/{agreement.id}/verlaengerung",
                                    renewal).status_code == 404
    assert _agreements(ctx, "zwickau")[0].valid_until == agreement.valid_until


def test_empty_state_tells_editors_how_to_record_one(client_as):
    admin_page = client_as("land").get("/k/plauen/vereinbarung").get_data(as_text=True)
    assert "noch keine Kooperationsvereinbarung erfasst" in admin_page and "/k/plauen/vereinbarung/neu" in admin_page
    reader = client_as("koordination.plauen").get("/k/plauen/vereinbarung").get_data(as_text=True)
    assert "noch keine Kooperationsvereinbarung" in reader and "/vereinbarung/neu" not in reader


def test_agreement_without_paper_has_no_download(client_as, ctx):
    [agreement] = _agreements(ctx, "landkreis-rostock")
    assert agreement.document_id is None
    assert client_as("land").get(f"/k/landkreis-rostock/vereinbarung/{agreement.id}/dokument").status_code == 404


def _grow(ctx, slug: str, agreements: int, people: int, renewals: int) -> None:
    from asskomm.agreements.models import AgreementSignatory

    with ctx() as session, tenant_context(tenant(slug).id):
        for n in range(agreements):
            agreement = CooperationAgreement(signed_on=date(2010, 1, 1) + timedelta(days=n), valid_until=None,
                                             police_directorate="Polizeidirektion Zwickau",
                                             recorded_by_id=user("kontakt").id)
            agreement.signatories = [AgreementSignatory(party=party, name=f"Person {party} {i}")
                                     for party in Party for i in range(people)]
            agreement.renewals = [AgreementRenewal(renewed_on=date(2011, 1, 1) + timedelta(days=i),
                                                   valid_until=date(2012, 1, 1) + timedelta(days=i))
                                  for i in range(renewals)]
            session.add(agreement)
        session.commit()


def test_page_queries_do_not_grow_with_agreements_signatories_and_renewals(client_as, ctx, count_queries):
    admin = client_as("land")
    admin.get("/k/zwickau/vereinbarung")
    with count_queries() as small:
        assert admin.get("/k/zwickau/vereinbarung").status_code == 200
    _grow(ctx, "zwickau", agreements=8, people=10, renewals=6)
    with count_queries() as large:
        page = admin.get("/k/zwickau/vereinbarung")
    assert page.status_code == 200 and "Person police 9" in page.get_data(as_text=True)
    assert large.value == small.value, (small.value, large.value)
    print(f"agreements page: {small.value} queries with 1 agreement, {large.value} with 9 (240 signatories)")


def test_demo_agreements_follow_the_kpr_dates_and_load_once(ctx):
    from asskomm.agreements.models import AgreementSignatory
    from asskomm.demo.loader import load_demo

    def counts(session) -> tuple:
        with cross_tenant("test: demo counts"):
            return tuple(session.scalar(sa.select(sa.func.count()).select_from(m))
                         for m in (CooperationAgreement, AgreementSignatory, AgreementRenewal, Document))

    with ctx() as session:
        for slug in ("zwickau", "zittau", "meissen", "landkreis-rostock", "bautzen", "freiberg"):
            t = tenant(slug)
            with tenant_context(t.id):
                [agreement] = session.scalars(sa.select(CooperationAgreement)).all()
                assert agreement.signed_on == t.agreement_signed_on
                assert agreement.police_directorate == t.police_directorate
                assert {s.party for s in agreement.signatories} == set(Party)
        with tenant_context(tenant("zwickau").id):
            zwickau = session.scalar(sa.select(CooperationAgreement))
            assert [r.valid_until for r in zwickau.renewals] == [zwickau.valid_until] and zwickau.document_id
        with tenant_context(tenant("meissen").id):
            meissen = session.scalar(sa.select(CooperationAgreement))
            assert meissen.document.category == DocumentCategory.agreement  # the documents demo's paper
        with tenant_context(tenant("plauen").id):
            assert session.scalar(sa.select(CooperationAgreement)) is None  # only contacted
        before = counts(session)
        load_demo()
        session.flush()
        assert counts(session) == before


def test_edited_dates_must_fit_the_renewals(client_as, ctx):
    [agreement] = _agreements(ctx, "zwickau")  # signed 12.11.2019, renewed 01.10.2024 until 31.12.2029
    url = f"/k/zwickau/vereinbarung/{agreement.id}/bearbeiten"
    admin = client_as("land")
    for data, message in [(_form(signed_on="2024-10-02", valid_until="2029-12-31"), "bereits am 01.10.2024 verlängert"),
                          (_form(signed_on="2019-11-12", valid_until="2029-12-30"), "bis zum 31.12.2029 verlängert"),
                          (_form(signed_on="2019-11-12", valid_until=""), "bis zum 31.12.2029 verlängert")]:
        response = admin.submit(url, data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    [unchanged] = _agreements(ctx, "zwickau")
    assert (unchanged.signed_on, unchanged.valid_until) == (agreement.signed_on, agreement.valid_until)
    assert {s.name for s in unchanged.signatories} == {s.name for s in agreement.signatories}


def test_a_signed_paper_over_the_server_limit_shows_the_form_again_with_the_limit(fresh, client_as, ctx):
    """A real multipart body over MAX_CONTENT_LENGTH: the form page again (413), the limit named at the file."""
    huge = PAPER + bytes(fresh.config["SETTINGS"].upload_max_bytes + 2 * 1024 * 1024)
    message = "Die Datei ist zu groß. Erlaubt sind höchstens 20 MB je Datei."
    admin = client_as("land")
    response = admin.submit("/k/plauen/vereinbarung/neu", _with_file(_form(), huge), content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert '<ul class="errors" id="file-errors"><li>' + message in page and 'name="signed_on"' in page
    assert _agreements(ctx, "plauen") == [] and _documents(ctx, "plauen") == []
    [agreement] = _agreements(ctx, "zwickau")
    before = _documents(ctx, "zwickau")
    edit = client_as("kontakt").submit(f"/k/zwickau/vereinbarung/{agreement.id}/bearbeiten",
                                       _with_file(_form(), huge), content_type="multipart/form-data")
    assert edit.status_code == 413 and message in edit.get_data(as_text=True)
    assert _documents(ctx, "zwickau") == before
    coordinator = client_as("koordination.zwickau").submit(
        f"/k/zwickau/vereinbarung/{agreement.id}/bearbeiten", _with_file(_form(), huge),
        content_type="multipart/form-data")
    assert coordinator.status_code == 403
