"""Workspace subcommands: demo, backup, restore, roster import."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the workspace subcommands."""
