"""Der Praxisaustausch: measures a KPR shares with the whole alliance, found by every KPR, asked
about and adopted ("Wir setzen das auch um"). An aggregator: it reads many KPRs' measures, only
through named cross-tenant reads."""
