import sqlalchemy as sa
from asskomm.prevention.models import PreventionCycle
from tenants import tenant_context
from tests.helpers import tenant

def test_smoke(client_as, ctx):
    c = client_as("koordination.zwickau")
    with ctx() as s, tenant_context(tenant("zwickau").id):
        cid = s.scalar(sa.select(PreventionCycle.id).order_by(PreventionCycle.number.desc()))
    for url in [f"/k/zwickau/praevention/runden/{cid}", f"/k/zwickau/praevention/runden/{cid}/probleme",
                f"/k/zwickau/praevention/runden/{cid}/angebote", f"/k/zwickau/praevention/runden/{cid}/ergebnisse",
                f"/k/zwickau/praevention/runden/{cid}/bearbeiten", f"/k/zwickau/praevention/runden/{cid}/abschliessen",
                "/k/zwickau/praevention/runden/neu", f"/k/zwickau/praevention/runden/{cid}/probleme/neu",
                f"/k/zwickau/praevention/runden/{cid}/angebote/neu"]:
        r = c.get(url)
        print(url, r.status_code)
        if r.status_code != 200:
            print(r.get_data(as_text=True)[:3000])
    open("/tmp/a2_cycle.html", "w").write(c.get(f"/k/zwickau/praevention/runden/{cid}").get_data(as_text=True))
    open("/tmp/a2_offers.html", "w").write(c.get(f"/k/zwickau/praevention/runden/{cid}/angebote").get_data(as_text=True))
