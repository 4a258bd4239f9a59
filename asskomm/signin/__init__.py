"""The pages of one's own account: sign in and out, forgotten and new password, the start page."""
