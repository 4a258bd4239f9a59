"""The questionnaire editor: a KPR's surveys, composing one from the item bank and its own
questions in sections, the preview, and opening (which freezes it) and closing it."""
