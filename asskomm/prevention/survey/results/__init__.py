"""The survey's results: counts and shares per question, broken down by Ortsteil and age band, with
small cells suppressed (primary and secondary, over every table and export alike), drawn as charts
beside their tables, exported as CSV and XLSX, and carried into the round's Sicherheitsanalyse."""
