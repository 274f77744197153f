"""Reproducible measurements (not part of the test suite)."""
