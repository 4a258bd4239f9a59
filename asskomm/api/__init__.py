"""The JSON API /api/v1/: token-authenticated, described by OpenAPI 3.1 (spectree + pydantic)."""
