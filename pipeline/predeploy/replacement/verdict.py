"""What the guard says about one environment's changes: refused, acknowledged, or only noted.

One line per finding, naming the environment, the stack, the logical id, the property and "replaces" or
"deletes", then the resource's type and construct path and what says so:

    prod: Prod-MobileBackend: DataPosts33238424: KeySchema: replaces (AWS::DynamoDB::Table Data/Posts; ...)

In a protected environment such a line fails the check unless `allow_replacements` names the resource (its
construct path or logical id): then it is printed with `acknowledged: ` in front and the reason after it. In any
other environment it is printed with `note: ` in front and passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .compare import Change

NAME = "replacement guard"  # in front of every line the guard prints


@dataclass(frozen=True)
class Acknowledgement:
    """One `allow_replacements` entry of config/environments.yaml."""

    resource: str  # a construct path inside the stack (`Data/Posts`) or a logical id
    reason: str

    def covers(self, change: Change) -> bool:
        return self.resource in {change.path, change.logical_id} - {""}


@dataclass
class Verdict:
    environment: str
    stack: str
    lines: list[str] = field(default_factory=list)
    refused: int = 0
    acknowledged: int = 0
    noted: int = 0

    @property
    def passed(self) -> bool:
        return self.refused == 0


def finding_line(environment: str, stack: str, change: Change) -> str:
    what = " ".join(part for part in (change.resource_type, change.path) if part)
    return f"{environment}: {stack}: {change.logical_id}: {change.property}: {change.kind} ({what}; {change.why})"


def judge(
    environment: str,
    stack: str,
    changes: Sequence[Change],
    *,
    protected: bool,
    allowed: Sequence[Acknowledgement] = (),
    compared: int | None = None,
) -> Verdict:
    """`compared`: how many stateful resources the baseline had, for the line of a clean run."""
    verdict = Verdict(environment, stack)
    used: set[str] = set()
    for change in changes:
        line = finding_line(environment, stack, change)
        if not protected:
            verdict.noted += 1
            verdict.lines.append(f"note: {line}; {environment} is not protected (protect_data: false): allowed")
            continue
        acknowledgement = next((a for a in allowed if a.covers(change)), None)
        if acknowledgement is None:
            verdict.refused += 1
            verdict.lines.append(line)
            continue
        used.add(acknowledgement.resource)
        verdict.acknowledged += 1
        verdict.lines.append(
            f"acknowledged: {line}; allow_replacements {acknowledgement.resource}: {acknowledgement.reason}"
        )
    for acknowledgement in allowed:
        if acknowledgement.resource not in used:
            verdict.lines.append(
                f"note: {environment}: {stack}: allow_replacements {acknowledgement.resource} matches no replacement "
                "or deletion: remove it once the migration has shipped"
            )
    if not changes:
        counted = f"{compared} stateful resources" if compared is not None else "its stateful resources"
        verdict.lines.append(f"{environment}: {stack}: {counted} compared: nothing replaced or deleted")
    elif verdict.refused:
        verdict.lines.append(
            f"{environment}: {stack}: {verdict.refused} replacement(s) or deletion(s) refused: an intended migration "
            "needs an allow_replacements entry for the resource with a reason in config/environments.yaml"
        )
    return verdict
