"""Subcommands: evaluate_events (placeholder until implemented)."""

from __future__ import annotations
