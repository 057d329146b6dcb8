"""Buildspecs as CDK writes them: inline JSON, YAML, or a file in the input artifact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.pipeline_dryrun.buildspec import BuildSpecError, load_buildspec, split_at

CDK_STYLE = {
    "phases": {"install": {"runtime-versions": {"python": "3.12", "nodejs": 20}}, "build": {"commands": ["make test"]}},
    "version": "0.2",
    "artifacts": {"base-directory": "cdk.out", "files": ["**/*"]},
}


def test_inline_json_as_cdk_writes_it(tmp_path: Path) -> None:
    spec = load_buildspec(json.dumps(CDK_STYLE, indent=2), tmp_path)
    assert [p.name for p in spec.phases] == ["install", "build"]
    assert spec.runtime_versions == {"python": "3.12", "nodejs": "20"}
    assert spec.base_directories == ("cdk.out",)
    assert spec.shell is None


def test_yaml_with_every_part_in_lifecycle_order(tmp_path: Path) -> None:
    spec = load_buildspec(
        "version: 0.2\nenv:\n  shell: bash\n  variables:\n    A: 1\n  parameter-store:\n    P: /x\n"
        "phases:\n  post_build:\n    commands: [echo post]\n  build:\n    on-failure: continue\n    "
        "commands:\n      - echo build\n"
        "    finally:\n      - echo fin\n",
        tmp_path,
    )
    assert spec.version == "0.2" and spec.shell == "bash"
    assert spec.variables == {"A": "1"} and spec.remote_variables == ("parameter-store:P",)
    assert [p.name for p in spec.phases] == ["build", "post_build"]
    assert spec.phases[0].on_failure == "CONTINUE" and spec.phases[0].finally_commands == ("echo fin",)


def test_a_buildspec_file_in_the_input_artifact(tmp_path: Path) -> None:
    (tmp_path / "buildspec-x-FileAsset.yaml").write_text(json.dumps(CDK_STYLE))
    assert load_buildspec("buildspec-x-FileAsset.yaml", tmp_path).base_directories == ("cdk.out",)
    with pytest.raises(BuildSpecError, match="not found in the input artifact"):
        load_buildspec("buildspec-missing.yaml", tmp_path)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"version": "0.3", "phases": {}}, "version '0.3'"),
        ({"version": "0.2", "env": {"shell": "zsh"}, "phases": {}}, "env.shell 'zsh'"),
        ({"version": "0.2", "phases": {"deploy": {"commands": []}}}, "unknown phase"),
    ],
)
def test_what_codebuild_would_reject(tmp_path: Path, raw: dict, message: str) -> None:
    with pytest.raises(BuildSpecError, match=message):
        load_buildspec(json.dumps(raw), tmp_path)


def test_a_build_split_before_a_command_keeps_everything_once_and_in_order(tmp_path: Path) -> None:
    spec = load_buildspec(
        json.dumps(
            {
                "version": "0.2",
                "phases": {
                    "install": {"runtime-versions": {"python": "3.12"}, "commands": ["i"]},
                    "build": {"commands": ["b1", "gate", "b3"], "finally": ["f"], "on-failure": "CONTINUE"},
                    "post_build": {"commands": ["p"]},
                },
            }
        ),
        tmp_path,
    )
    before, after = split_at(spec, "build", 1)
    assert [(p.name, p.commands, p.finally_commands) for p in before.phases] == [
        ("install", ("i",), ()),
        ("build", ("b1",), ()),  # the phase's finally runs after all its commands: with the second part
    ]
    assert [(p.name, p.commands, p.finally_commands, p.on_failure) for p in after.phases] == [
        ("build", ("gate", "b3"), ("f",), "CONTINUE"),
        ("post_build", ("p",), (), None),
    ]
    assert before.runtime_versions == {"python": "3.12"} and after.runtime_versions == {}
    with pytest.raises(BuildSpecError, match="no command 3"):
        split_at(spec, "build", 3)
