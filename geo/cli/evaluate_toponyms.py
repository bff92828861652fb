"""Subcommands: evaluate_toponyms (placeholder until implemented)."""

from __future__ import annotations
