"""The state council's workplace."""
