"""Live reload: runtime code reloaded in-process, stage changes re-synthesized and applied in place (live.py)."""
