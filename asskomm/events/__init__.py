"""Trainings and network meetings of the state council, with registration that never overbooks.

A package of feature packages around the shared models.py, seats.py (the event's lock, the seat
count and the waiting list, used by registration and organising) and demo.py:
  catalog/       the catalog, an event's page, calendar files        (blueprint `events`)
  registration/  seats and waiting list, eligibility, cancelling, coordinators' registrations and
                 invitation replies, reminders                        (its buttons on `events`)
  day/           attendance, participant lists, certificates, feedback (blueprint `events_day`)
  organising/    organisers create, edit and cancel events; the state dashboard
                 (blueprints `events_manage`, `events_dashboard`)
Imports point catalog → registration; no subpackage imports another otherwise.
"""
