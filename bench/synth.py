"""Synth time and peak memory of the full app vs. a bare one-stack app, both as fresh `python` processes."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .measure import ProcessRun, Row, interleaved, median, run_process

ROOT = Path(__file__).resolve().parent.parent


def _synth(script: str) -> ProcessRun:
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as outdir:
        env = {**os.environ, "CDK_OUTDIR": outdir, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
        return run_process([sys.executable, script], env=env, cwd=str(ROOT))


def run(runs: int = 5) -> list[Row]:
    ours_runs: list[ProcessRun] = []
    base_runs: list[ProcessRun] = []

    def ours() -> float:
        ours_runs.append(_synth("app.py"))
        return ours_runs[-1].seconds

    def baseline() -> float:
        base_runs.append(_synth(str(Path(__file__).with_name("bare_app.py"))))
        return base_runs[-1].seconds

    ours_s, base_s = interleaved(ours, baseline, runs)
    return [
        Row("synth: python app.py vs bare one-stack app", median(ours_s), median(base_s), "s", runs),
        Row(
            "synth: peak memory",
            median([r.peak_rss_mb for r in ours_runs]),
            median([r.peak_rss_mb for r in base_runs]),
            "MiB",
            runs,
            note="largest process of the tree (python or its jsii node child)",
        ),
    ]
