"""Die Suche: one search field in the header finds, among what the signed-in person may open, KPRs,
people, meetings and minutes, documents (with the text of their PDF, DOCX and ODT files),
measures, events and news. An aggregator: it keeps an index of many features' rows
(`indexing`), searches it with the database's full-text search and German stemming (`backend`),
and lets through only what the policy grants the person (`scope`)."""
