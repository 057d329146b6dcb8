"""Synth time and peak memory of the full app, and of the sandbox's one-stage synth, vs. a bare one-stack app, all
as fresh `python` processes.

Where the full synth's time goes (cProfile, jsii round trips, `node --cpu-prof`): CDK's built-in CloudFormation
validation is about half of it. Its engine start-up is a fixed cost the bare app pays too (most of the bare app's
time); validating our four templates costs about as much again."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pipeline.project_root import PROJECT_ROOT as ROOT
from sandbox.provisioning.template import synth_env

from .measure import ProcessRun, Row, median, run_process


def _synth(script: str, *, sandbox: bool = False) -> ProcessRun:
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as outdir:
        if sandbox:  # exactly what sandbox/provisioning/template.py runs when its cached template is stale
            env = synth_env(Path(outdir) / "cdk.out")  # its record of inputs beside cdk.out: in the temporary dir
        else:
            env = {**os.environ, "CDK_OUTDIR": outdir, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
        return run_process([sys.executable, script], env=env, cwd=str(ROOT))


def run(runs: int = 5) -> list[Row]:
    ours_runs: list[ProcessRun] = []
    sandbox_runs: list[ProcessRun] = []
    base_runs: list[ProcessRun] = []
    bare = str(Path(__file__).with_name("bare_app.py"))
    for i in range(runs):
        # Rotate the order so machine noise hits all three alike.
        jobs = [
            lambda: ours_runs.append(_synth("app.py")),
            lambda: sandbox_runs.append(_synth("app.py", sandbox=True)),
            lambda: base_runs.append(_synth(bare)),
        ]
        for job in jobs[i % 3 :] + jobs[: i % 3]:
            job()
    base_s = median([r.seconds for r in base_runs])
    return [
        Row("synth: python app.py vs bare one-stack app", median([r.seconds for r in ours_runs]), base_s, "s", runs),
        Row(
            "synth: sandbox stage only vs bare one-stack app",
            median([r.seconds for r in sandbox_runs]),
            base_s,
            "s",
            runs,
            note="personal stage alone, no built-in CloudFormation validation (sandbox/provisioning/template.py); "
            "the bare app keeps it",
        ),
        Row(
            "synth: peak memory",
            median([r.peak_rss_mb for r in ours_runs]),
            median([r.peak_rss_mb for r in base_runs]),
            "MiB",
            runs,
            note="largest process of the tree (python or its jsii node child)",
        ),
    ]
