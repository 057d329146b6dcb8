"""The repository's own clients/released/: the gate protects something from day one, and main keeps every
supported app version working."""

from __future__ import annotations

from pipeline.predeploy.compatibility.__main__ import PASSED, main
from pipeline.predeploy.compatibility.release import DEFAULT_OPERATIONS
from pipeline.predeploy.compatibility.released import load_releases


def test_at_least_one_app_version_is_released_with_every_operation_it_ships() -> None:
    releases = load_releases()
    assert releases
    for release in releases:
        names = {document.name for document in release.documents}
        assert {"queries.graphql", "mutations.graphql", "subscriptions.graphql"} <= names


def test_the_newest_release_ships_the_operations_clients_graphql_holds_now() -> None:
    """make codegen and make release-client together: the latest release is what apps build today."""
    newest = load_releases()[-1]
    shipped = {document.name: document.ast for document in newest.documents}
    for path in DEFAULT_OPERATIONS.glob("*.graphql"):
        assert path.name in shipped


def test_the_schema_on_main_keeps_every_supported_version_working() -> None:
    lines: list[str] = []
    assert main([], say=lines.append) == PASSED, "\n".join(lines)
