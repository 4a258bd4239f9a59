"""The account page `/konto`: one's own profile, password, sessions, mails and calendar feeds."""
