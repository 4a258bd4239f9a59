"""The installation operator's page `/betrieb/allianzen`: the alliances (states' networks) on this
installation and a form that creates one with its first state admin, who is invited by mail. The
operator sees no workspace content; the command line (`flask alliance`) does the same work."""
