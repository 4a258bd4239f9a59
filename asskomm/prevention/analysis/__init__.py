"""The Sicherheitsanalyse of a round (master data, survey figures, findings, report, public summary),
its prioritised problems, the inventory of existing offers held against them (Bedarfs- und
Ressourcenanalyse), and closing a round, which opens the next one."""
