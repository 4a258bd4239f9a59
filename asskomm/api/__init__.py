"""The JSON API at /api/v1/ for the alliance's other systems (issue 16).

A call carries a personal access token (asskomm.accounts.api_tokens) and acts for its person with
their rights: the same policy and tenant scoping as the pages decide, and a foreign KPR's object
is a 404. SpecTree validates every request and response against pydantic models (schemas) and
writes the OpenAPI 3.1 document from them (spec); errors are problem+json (asskomm.problems).
"""
