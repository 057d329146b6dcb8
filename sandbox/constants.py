"""Constants every part of the sandbox shares (a leaf module: it imports nothing of the sandbox)."""

from __future__ import annotations

ACCOUNT_ID = "123456789012"  # moto's default account: its backends are keyed by it
