"""`teacherdesk` subcommands for this feature."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this feature's subcommands."""
