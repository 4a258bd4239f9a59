"""Coaching: the coach's workplace."""
