"""Cooperation agreements between municipality, police directorate and the state council."""
