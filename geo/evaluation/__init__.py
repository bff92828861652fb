"""Scoring against gold-standard corpora: toponyms, event-to-place links, event types."""
