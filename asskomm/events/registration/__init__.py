"""Registering for events: seats and waiting list, eligibility, cancelling, coordinators
registering their members and answering invitations, reminders before the sessions.

Its buttons sit on an event's page, so they are on the catalog's `events` blueprint, which is
defined here (views.py) and extended by events.catalog.views."""
