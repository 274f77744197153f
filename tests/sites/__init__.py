"""Loopback test sites for discovery: generated, deterministic, with their truth (every article,
every non-article page, every trap page). Served only on 127.0.0.1."""
