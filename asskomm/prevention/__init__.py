"""The prevention cycle of a KPR: Sicherheitsanalyse (crime figures, indicators, survey results,
findings), Bedarfs- und Ressourcenanalyse (the inventory of offers against the prioritised
problems), Präventionsstrategie (action fields and measurable goals), Maßnahmen worked through the
Beccaria steps, and Evaluation; then the next round.

It links records of several features (a meeting's decision adopts the strategy, funding entries pay
for a measure), so it sits above them, below the aggregators that read it (state, reports, comments).
"""
