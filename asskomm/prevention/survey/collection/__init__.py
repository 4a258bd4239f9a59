"""Collecting answers: the respondents' pages (open link or one-time code), the codes for the postal
sample, and the batch entry of paper questionnaires; both channels record a response alike (answers.py)."""
