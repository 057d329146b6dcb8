"""Constants every part of the sandbox shares (a leaf module: it imports nothing of the sandbox)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_ID = "123456789012"  # moto's default account: its backends are keyed by it
