"""Per feature: OBJECTS = {url parameter: factory(session, slug) -> id of a non-public object}."""
