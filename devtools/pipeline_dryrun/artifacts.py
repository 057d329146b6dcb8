"""The synth step's output artifact, for the steps that take it (self-mutation, asset publishing, the permission
check), as CodePipeline hands it on: the directory the synth step's `artifacts.base-directory` names.

- The synth step ran in this dry run and passed: its own output, kept (`keep_output`).
- It did not run (`--only`): the reference assembly, plus what the synth step's commands copy into the artifact
  after `cdk synth` (this project copies `pipeline/scripts/hold_self_mutation.py`, which self-mutation runs):
  each later `cp <file>... <base-directory>[/<dir>]` is done from the repository (`reference_output`); any other
  later command is named as not replayed.
- It failed: nothing; CodePipeline would stop there (runner.RunContext.synth_missing).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path, PurePosixPath

from .buildspec import BuildSpec
from .checks import artifact_directory


def keep_output(spec: BuildSpec, src: Path, target: Path) -> Path:
    """A copy of a finished synth step's artifact directory."""
    shutil.copytree(artifact_directory(spec, src), target, symlinks=True)
    return target


def _after_synth(spec: BuildSpec) -> list[str]:
    commands = [c for phase in spec.phases for c in phase.commands]
    synth = [i for i, c in enumerate(commands) if "cdk synth" in c or "cdk synthesize" in c]
    return commands[synth[-1] + 1 :] if synth else []


def reference_output(spec: BuildSpec, repo: Path, reference: Path, target: Path) -> list[str]:
    """`target`: the reference assembly with the synth step's later copies replayed; one line per later command."""
    shutil.copytree(reference, target, symlinks=True)
    primary = next((a for a in spec.artifacts if not a.name), None)
    base = PurePosixPath(primary.base_directory) if primary and primary.base_directory else PurePosixPath(".")
    lines = []
    for command in _after_synth(spec):
        try:
            words = shlex.split(command)
        except ValueError:
            words = []
        if len(words) >= 3 and words[0] == "cp" and not any(w.startswith("-") for w in words[1:]):
            destination = PurePosixPath(words[-1])
            if destination.parts[: len(base.parts)] == base.parts:
                inside = target.joinpath(*destination.parts[len(base.parts) :])
                sources = words[1:-1]
                into_directory = words[-1].endswith("/") or len(sources) > 1 or inside.is_dir()
                (inside if into_directory else inside.parent).mkdir(parents=True, exist_ok=True)
                for source in sources:
                    shutil.copy2(repo / source, inside / PurePosixPath(source).name if into_directory else inside)
                lines.append(f"replayed on the reference assembly: `{command}`")
                continue
        lines.append(f"not replayed on the reference assembly: `{command}`")
    return lines
