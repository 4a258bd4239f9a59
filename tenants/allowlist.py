"""Tables that carry a tenant id without the scoping mixin, each with its reason.

They hold rows the state council owns *about* a KPR, not the KPR's own data: the KPR's people
do not edit them, and the pages that show them (the state's, a coach's, the events catalog)
read them across KPRs on purpose. Their queries name the tenant explicitly. A test fails on any
other table with a tenant id that is not scoped automatically.
"""

NOT_SCOPED: dict[str, str] = {
    "assignment": "The state council assigns coaches and contacts to KPRs; a coach's assignments span KPRs.",
    "status_change": "The onboarding lifecycle the state council records for a KPR, read on state pages.",
    "activity_snapshot": "Aggregated by the nightly job for the state overview, one row per KPR.",
    "kpr_training_year": "Aggregated training figures per KPR and year for the state council.",
    "outbox_message": "The platform's outbox, read by state admins; a mail may belong to no KPR.",
    "event": "Trainings belong to the state council; organiser_tenant_id names a KPR that organises one.",
    "registration": "A person registers for a state training on behalf of a KPR; organisers read across KPRs.",
    "audit_entry": "The audit trail: written by the flush listener for every KPR and for none, read by state "
                   "admins across KPRs; a KPR's page filters by its tenant_id explicitly. No foreign key: "
                   "entries outlive their KPR.",
    "kpr_invitation": "The state council invites KPRs to its training; the invitation is the state's row.",
    "report_placement": "Where the report job last counted a KPR's figures (district, state); the job's own row.",
    "report_stale": "Marks for the report job that a KPR's records changed; written for any KPR by the kernel.",
    "accessibility_feedback": "Feedback on the platform's accessibility, received by the state council as "
                              "operator from anyone (signed in or not); tenant_id only names the KPR whose page "
                              "it is about. Read by state admins across KPRs.",
    "search_entry": "The search index: one entry per findable object of every KPR (and events of none), read "
                    "across KPRs by the search, which decides per entry from the policy's rules (search.scope).",
    "webhook_endpoint": "A webhook of the state council (tenant_id NULL) or of a KPR; every query names the tenant "
                        "explicitly (asskomm.webhooks.services). Its webhook_delivery rows carry no tenant_id and "
                        "are read only through an endpoint whose tenant was checked.",
}
