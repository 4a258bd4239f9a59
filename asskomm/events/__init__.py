"""Trainings and network meetings of the state council, with registration that never overbooks."""
