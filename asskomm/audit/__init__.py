"""The audit trail: every change of a domain row and every sign-in, one append-only entry each.

Written in the same transaction as the change by a flush listener (listener.py); sign-ins and
other events without a row of their own through `services.record`. Read by a KPR's
coordinators (their KPR) and by state admins (every KPR); purged after the retention period.
"""
