"""The pre-deploy step's schema compatibility check (pipeline/predeploy/checks.py) on a Context: the schema in the
template about to be deployed, the released app versions, and the schema the deployed-state reader returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.schema import SCHEMA_PATH
from pipeline.predeploy.checks import Context, schema_compatibility
from pipeline.predeploy.deployed import TemplateUnreadable

from .conftest import Released, edited


class FakeReader:
    """What the deployed-state reader returns for the API's schema (None: no GraphQLApiId output)."""

    def __init__(self, sdl: str | None) -> None:
        self.sdl = sdl

    def api_schema(self) -> str | None:
        return self.sdl


def template(sdl: str) -> dict[str, Any]:
    return {"Resources": {"Schema": {"Type": "AWS::AppSync::GraphQLSchema", "Properties": {"Definition": sdl}}}}


def context(
    released_dir: Path, new_sdl: str, *, deployed_sdl: str | None, first: bool = False, protected: bool = True
) -> tuple[Context, list[str]]:
    lines: list[str] = []
    made = Context(
        environment="prod",
        stack_name="Prod-MobileBackend",
        account="333333333333",
        region="us-west-2",
        protected=protected,
        allowed=(),
        deployed=None if first else {"Resources": {}},
        reader=None if first else FakeReader(deployed_sdl),  # type: ignore[arg-type]
        new=template(new_sdl),
        assembly=Path("cdk.out"),
        say=lines.append,
        released=released_dir,
    )
    return made, lines


CURRENT = SCHEMA_PATH.read_text(encoding="utf-8")
WITHOUT_BIO = edited(("  bio: String\n", ""))


def test_the_same_schema_as_released_and_deployed_goes_on(released: Released) -> None:
    check, lines = context(released(), CURRENT, deployed_sdl=CURRENT)
    assert schema_compatibility(check)
    assert lines == [
        "schema compatibility: prod: apps 1.0.0 keep working (judged from their schemas and the deployed one)"
    ]


def test_a_break_stops_a_protected_environment_with_one_line_per_problem(released: Released) -> None:
    check, lines = context(released(), WITHOUT_BIO, deployed_sdl=CURRENT)
    assert not schema_compatibility(check)
    [problem] = [line for line in lines if "BREAKS" in line]
    assert problem.startswith("schema compatibility: BREAKS app 1.0.0: User.bio: User.bio was removed. Used by ")


def test_an_unprotected_environment_notes_the_break_and_goes_on(released: Released) -> None:
    check, lines = context(released(), WITHOUT_BIO, deployed_sdl=CURRENT, protected=False)
    assert schema_compatibility(check)
    assert lines[-1] == "schema compatibility: note: prod is not protected: the release goes on"


def test_a_change_made_by_hand_in_the_live_api_counts_too(released: Released) -> None:
    """Someone changed Post.likeCount to Float! in the console; apps built against the live schema (Amplify's
    codegen downloads it) decode a Float. The deploy changes it back, and the check says so."""
    by_hand = edited(("  likeCount: Int!\n", "  likeCount: Float!\n"))
    directory = released()
    check, lines = context(directory, CURRENT, deployed_sdl=by_hand)
    assert not schema_compatibility(check)
    [problem] = [line for line in lines if "BREAKS" in line]
    assert problem.startswith(
        "schema compatibility: BREAKS app 1.0.0: Post.likeCount: Post.likeCount changed type from Float! to Int!."
    )
    check, lines = context(directory, CURRENT, deployed_sdl=CURRENT)
    assert schema_compatibility(check)


def test_a_first_deployment_is_judged_from_the_released_versions(released: Released) -> None:
    check, lines = context(released(), CURRENT, deployed_sdl=None, first=True)
    assert schema_compatibility(check)
    assert lines == [
        "schema compatibility: note: prod: no API deployed yet: judged from the released app versions",
        "schema compatibility: prod: apps 1.0.0 keep working (judged from their schemas)",
    ]


def test_a_stack_without_the_api_id_output_is_judged_from_the_released_versions_once(released: Released) -> None:
    check, lines = context(released(), WITHOUT_BIO, deployed_sdl=None)
    assert not schema_compatibility(check)
    assert lines[0] == (
        "schema compatibility: note: prod: Prod-MobileBackend has no GraphQLApiId output yet (deployed before it "
        "existed): judged from the released app versions only, this once"
    )


def test_what_cannot_be_read_stops_the_release(released: Released, tmp_path: Path) -> None:
    directory = released()
    check, _ = context(directory, CURRENT, deployed_sdl="type Query {")
    with pytest.raises(TemplateUnreadable, match="the deployed GraphQL schema does not build"):
        schema_compatibility(check)
    check, _ = context(directory, "type Query { broken: Nope }", deployed_sdl=CURRENT)
    with pytest.raises(TemplateUnreadable, match="Unknown type 'Nope'"):
        schema_compatibility(check)
    (directory / "next").mkdir()
    check, _ = context(directory, CURRENT, deployed_sdl=CURRENT)
    with pytest.raises(TemplateUnreadable, match="must be the app's semantic version"):
        schema_compatibility(check)
