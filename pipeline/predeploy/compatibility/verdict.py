"""The judgement: for every supported app version, what in the new schema breaks it, one line per problem.

A change breaks a version when the version's operations use what changed (changes.py, usage.py); every operation
of every version must also still validate against the new schema. Three changes graphql-core calls dangerous
break apps that decode responses with generated types (an enum value, a union member or an interface
implementation added to something the app reads) unless the new schema marks them `client-safe` (markers.py).
Deprecated fields that no supported version uses any more are reported as safe to remove.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    validate,
)

from .changes import REJECTED, Change, schema_changes
from .markers import client_safe_reason
from .released import Release
from .usage import Usage, collect


@dataclass
class _Problem:
    versions: set[str] = field(default_factory=set)
    operations: set[str] = field(default_factory=set)


@dataclass
class Verdict:
    problems: list[str]
    accepted: list[str]  # dangerous changes marked client-safe, with their reason
    unused: list[str]  # changes that would break an app, but no supported version uses what changed
    removable: list[str]  # deprecated and used by no supported version
    kept: list[str]  # deprecated and still used

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def lines(self) -> list[str]:
        return [
            *(f"BREAKS {line}" for line in self.problems),
            *(f"accepted: {line}" for line in self.accepted),
            *(f"safe for apps: {line}" for line in self.unused),
            *(f"safe to remove: {line}" for line in self.removable),
            *(f"deprecated, still used: {line}" for line in self.kept),
        ]


def _versions(versions: Iterable[str]) -> str:
    ordered = sorted(versions)
    return f"app {ordered[0]}" if len(ordered) == 1 else f"apps {', '.join(ordered)}"


SHOWN_OPERATIONS = 3  # a line stays readable; the rest are counted


def _operations(labels: Iterable[str]) -> str:
    ordered = sorted(labels)
    more = len(ordered) - SHOWN_OPERATIONS
    return ", ".join(ordered[:SHOWN_OPERATIONS]) + (f" and {more} more" if more > 0 else "")


def operations_of(document: DocumentNode) -> list[tuple[str, DocumentNode]]:
    """Each operation on its own, with the document's fragments, so a validation error names its operation."""
    fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    return [
        (d.name.value if d.name else d.operation.value, DocumentNode(definitions=(d, *fragments)))
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]


def judge(new: GraphQLSchema, releases: list[Release], *, deployed: GraphQLSchema | None = None) -> Verdict:
    """`releases` against `new`; with `deployed`, also the changes from the schema live in the environment."""
    usages = {release.version: collect(release.schema, release.documents) for release in releases}
    breaks: dict[tuple[str, str, str], _Problem] = defaultdict(_Problem)
    accepted: dict[str, set[str]] = defaultdict(set)
    unused: set[str] = set()
    named: set[tuple[str, str]] = set()  # (version, operation) a change line already names
    for release in releases:
        usage = usages[release.version]
        for change in schema_changes(release.schema, new):
            _place(change, release.version, usage, new, breaks, accepted, unused, named)
        if deployed is not None:
            # Apps may be built against the live schema too (Amplify's codegen downloads it from the deployed
            # API), so what the deploy changes there counts, an out-of-band edit included, for the operations the
            # version ships as they resolve against the live schema.
            live_usage = collect(deployed, release.documents)
            for change in schema_changes(deployed, new):
                _place(change, release.version, live_usage, new, breaks, accepted, unused, named)
    invalid: dict[tuple[str, str], _Problem] = defaultdict(_Problem)
    for release in releases:
        for document in release.documents:
            for name, operation in operations_of(document.ast):
                label = f"{document.name}:{name}"
                if (release.version, label) in named:
                    continue
                for error in validate(new, operation):
                    invalid[(label, error.message)].versions.add(release.version)
    problems = [
        f"{_versions(p.versions)}: {coordinate}: {what} Used by {_operations(p.operations)}: {why}."
        for (coordinate, what, why), p in sorted(breaks.items())
    ] + [
        f"{_versions(p.versions)}: {label} no longer validates: {message} {REJECTED}."
        for (label, message), p in sorted(invalid.items())
    ]
    used_somewhere = {coordinate for coordinate, _, _ in breaks}
    removable, kept = _deprecations(new, usages)
    return Verdict(
        problems=problems,
        accepted=[f"{line} ({_versions(versions)})" for line, versions in sorted(accepted.items())],
        unused=sorted(line for line in unused if line.split(": ")[0] not in used_somewhere),
        removable=removable,
        kept=kept,
    )


def _place(
    change: Change,
    version: str,
    usage: Usage,
    new: GraphQLSchema,
    breaks: dict[tuple[str, str, str], _Problem],
    accepted: dict[str, set[str]],
    unused: set[str],
    named: set[tuple[str, str]],
) -> None:
    if not change.breaks_apps:
        return
    users = change.users(usage)
    if not users:
        unused.add(f"{change.coordinate}: {change.description} No supported app version uses it.")
        return
    if not change.breaking:
        reason = client_safe_reason(new, change)
        if reason is not None:
            accepted[f"{change.coordinate}: {change.description} Marked client-safe: {reason}"].add(version)
            return
    problem = breaks[(change.coordinate, change.description, change.why)]
    problem.versions.add(version)
    problem.operations |= users
    named.update((version, label) for label in users)


def _deprecations(new: GraphQLSchema, usages: dict[str, Usage]) -> tuple[list[str], list[str]]:
    removable, kept = [], []
    for type_name, named_type in sorted(new.type_map.items()):
        if type_name.startswith("__"):
            continue
        entries: list[tuple[str, str, dict[str, set[str]]]] = []
        if isinstance(named_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, definition in named_type.fields.items():
                if definition.deprecation_reason is not None:
                    users = {v: set(u.fields.get(f"{type_name}.{field_name}", set())) for v, u in usages.items()}
                    entries.append((f"{type_name}.{field_name}", definition.deprecation_reason, users))
        elif isinstance(named_type, GraphQLEnumType):
            for value_name, value in named_type.values.items():
                if value.deprecation_reason is not None:
                    # Only an app that sends the value breaks when it goes; one that reads it just never sees it.
                    users = {v: set(u.sent.get(type_name, set())) for v, u in usages.items()}
                    entries.append((f"{type_name}.{value_name}", value.deprecation_reason, users))
        for coordinate, reason, users in entries:
            using = {v: ops for v, ops in users.items() if ops}
            if using:
                operations = {op for ops in using.values() for op in ops}
                kept.append(f"{coordinate} ({reason}): used by {_versions(using)} ({_operations(operations)})")
            else:
                removable.append(f"{coordinate} ({reason}): no supported app version uses it")
    return removable, kept
