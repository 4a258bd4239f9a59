"""Personal data under the DSGVO: the export of one's own data (Art. 15, 20), the anonymisation of
a person on request (Art. 17) and the retention periods (Art. 5(1)(e)). An aggregator: it reads
the rows of many features, across KPRs, for one named purpose each."""
