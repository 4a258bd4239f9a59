"""The annual Präventionsbericht of a KPR: generated from a year's records, edited, submitted to the
state council as frozen versions (HTML and tagged PDF), returned with a remark where needed."""
