"""The catalog of trainings and network meetings: the list, an event's page, calendar files.

Its pages are on the `events` blueprint of events.registration, whose buttons they show."""
