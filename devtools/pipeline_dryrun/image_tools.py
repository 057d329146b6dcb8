"""Tools the CodeBuild image ships, which a step may call without installing them, and what this machine has.

aws/codebuild/standard:7.0 (Ubuntu 22.04) comes with, besides its runtimes, the AWS CLI v2, git, jq, make, zip,
unzip, curl and wget (https://github.com/aws/aws-codebuild-docker-images/blob/master/ubuntu/standard/7.0/Dockerfile).
A buildspec calls them directly, and so may a script it runs (self-mutation's hold_self_mutation.py runs `aws`).
The dry run does not install them (the AWS CLI v2 comes from awscli.amazonaws.com, not from a package registry):

- a tool this machine has is used as it is; for `aws`, one line names the CLI when it is not v2 (v1 lacks v2's
  options, e.g. `--cli-binary-format`, and fails on them), in the steps that talk to AWS;
- a tool this machine lacks gets a stand-in at the end of PATH (anything the build installs comes first) that
  prints one line starting with MISSING_MARK and exits 127, as "command not found" would. The command that
  needed it fails, and the dry run reports the step as stopped for want of that tool (`missing_tool`), not as a
  step that failed.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

IMAGE_TOOLS = {
    "aws": "the AWS CLI v2",
    "git": "git",
    "jq": "jq",
    "make": "GNU make",
    "zip": "zip",
    "unzip": "unzip",
    "curl": "curl",
    "wget": "wget",
}
MISSING_MARK = "pipeline-dryrun: missing image tool"
_MISSING_LINE = re.compile(re.escape(MISSING_MARK) + r" (\S+) \((.+?)\)")


@dataclass(frozen=True)
class ToolSetup:
    bin_dir: Path | None  # the stand-ins, for the end of PATH (None: nothing missing)
    missing: tuple[str, ...]
    notes: tuple[str, ...]


@functools.cache
def _aws_cli_version(executable: str) -> str | None:
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"aws-cli/(\S+)", out.stdout + out.stderr)
    return match.group(1) if match else None


def prepare_image_tools(bin_dir: Path, env: Mapping[str, str], image: str, *, talks_to_aws: bool) -> ToolSetup:
    """Stand-ins in `bin_dir` for the image's tools that are not on the step's PATH; notes to print."""
    path = env.get("PATH", "")
    missing = [tool for tool in IMAGE_TOOLS if shutil.which(tool, path=path) is None]
    notes = []
    for tool in missing:
        bin_dir.mkdir(parents=True, exist_ok=True)
        stand_in = bin_dir / tool
        stand_in.write_text(
            "#!/bin/sh\n"
            f"echo '{MISSING_MARK} {tool} ({IMAGE_TOOLS[tool]}): {image or 'the CodeBuild image'} has it, "
            "this machine does not' >&2\n"
            "exit 127\n"
        )
        stand_in.chmod(0o755)
    if missing:
        notes.append(
            f"not on this machine, but on the image: {', '.join(missing)} (a command that needs one stops the step)"
        )
    aws = shutil.which("aws", path=path)
    if talks_to_aws and aws:
        version = _aws_cli_version(aws)
        if version is None or not version.startswith("2."):
            notes.append(
                f"aws: AWS CLI {version or '(version unknown)'} on this machine ({aws}); the image has v2, "
                "whose own options fail here"
            )
    return ToolSetup(bin_dir if missing else None, tuple(missing), tuple(notes))


def missing_tool(lines: Iterable[str]) -> str | None:
    """`<tool> (<what>)` when a stand-in ran, from the line it printed."""
    for line in lines:
        if match := _MISSING_LINE.search(line):
            return f"{match.group(1)} ({match.group(2)})"
    return None
