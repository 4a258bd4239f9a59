"""Comments on workspace items: the coach's remarks and the KPR's replies."""
