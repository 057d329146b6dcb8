"""Run the benchmarks, print one table, write devtools/bench/results/latest.json.

Timing never fails this command; it fails only when the thing it measures fails (an error, a lost write).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

from .measure import Row

# section name -> module with `run() -> list[Row]`; imported only when selected
SECTIONS = {
    "synth": "synth",
    "cold-start": "cold_start",
    "dynamodb": "dynamodb_requests",
    "sandbox": "sandbox_latency",
    "live-reload": "live_reload",
    "pipeline": "pipeline_path",
    "setup": "setup_install",
    "first-hour": "first_hour",
}
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def format_table(rows: list[Row]) -> str:
    header = f"{'benchmark':58} {'ours':>10} {'baseline':>10} {'ratio':>7} {'unit':>6} {'runs':>5}"
    lines = [header, "-" * len(header)]
    for row in rows:
        ratio = f"{row.ratio:>7.3f}" if row.baseline else f"{'-':>7}"
        lines.append(f"{row.name[:58]:58} {row.ours:>10.4g} {row.baseline:>10.4g} {ratio} {row.unit:>6} {row.runs:>5}")
        if row.note:
            lines.append(f"    {row.note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="run only these sections")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name, module in SECTIONS.items():
        if args.only and name not in args.only:
            continue
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(f".{module}", __package__).run())
    print(format_table(rows))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    stamp = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()} {platform.python_version()}"}
    RESULTS.write_text(json.dumps([{**row.as_json(), **stamp} for row in rows], indent=2) + "\n")
    print(f"\nwritten to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
