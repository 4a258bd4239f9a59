"""Cross-municipal reports for the state council, read from snapshot tables the worker fills."""
