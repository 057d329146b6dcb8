"""The guard over two cloud assemblies (`python -m devtools.preflight ASSEMBLY --baseline DIR`): each environment's
stack in the current assembly against the same stack in the baseline, e.g. the last release's `cdk.out`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cloudformation.assembly import AssemblyError, Stack, load_stacks

from .guard import guard_stack
from .verdict import NAME, Acknowledgement, Verdict


@dataclass(frozen=True)
class Target:
    """One environment as config/environments.yaml describes it."""

    environment: str
    stack_name: str
    account: str
    region: str
    protected: bool
    allowed: tuple[Acknowledgement, ...] = ()


@dataclass
class GuardResults:
    verdicts: list[Verdict] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(v.refused for v in self.verdicts)


def find_stack(stacks: Sequence[Stack], target: Target) -> Stack | None:
    """The environment's stack: its name, in its account and region (an environment-agnostic stack matches any)."""
    for stack in stacks:
        if stack.stack_name != target.stack_name:
            continue
        if stack.account not in (None, target.account) or stack.region not in (None, target.region):
            continue
        return stack
    return None


def guard_assemblies(current: Path, baseline: Path, targets: Sequence[Target], *, stack_id: str) -> GuardResults:
    new_stacks, old_stacks = load_stacks(current), load_stacks(baseline)
    results = GuardResults()
    for target in targets:
        new = find_stack(new_stacks, target)
        if new is None:
            raise AssemblyError(
                f"{current}: no stack {target.stack_name} in {target.account}/{target.region} for environment "
                f"{target.environment} (synthesize the whole app: `npx cdk synth`)"
            )
        old = find_stack(old_stacks, target)
        if old is None:
            results.lines.append(
                f"{NAME}: note: {target.environment}: {target.stack_name}: not in the baseline {baseline}: a first "
                "deployment, nothing to replace"
            )
            continue
        verdict = guard_stack(
            target.environment,
            target.stack_name,
            old.template,
            new.template,
            region=target.region,
            stack_id=stack_id,
            protected=target.protected,
            allowed=target.allowed,
        )
        results.verdicts.append(verdict)
        results.lines += [f"{NAME}: {line}" for line in verdict.lines]
    return results
