"""The rollout gate steps (`GateCheck-<env>`, `Bake-<env>`): told apart in a hand-made template, their variables
pointed at a sandbox's moto, and run once per alarm state against a moto server in this process (the real
`python -m pipeline.gate`, copied into the test repository, or a fake that gets the gate wrong)."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from devtools.pipeline_dryrun.__main__ import main
from devtools.pipeline_dryrun.gate_states import (
    BAKE,
    BLIND,
    ENTRY,
    IN_ALARM,
    PASSED,
    STATES,
    StateResult,
    active_override,
    expected,
    observed,
    verdict,
)
from devtools.pipeline_dryrun.pipeline_model import StepKind
from devtools.pipeline_dryrun.runner import run_step
from devtools.pipeline_dryrun.shell import BuildOutcome, CommandFailure
from devtools.pipeline_dryrun.variables import gate_contract_problems, map_gate_to_sandbox
from pipeline.gate import checks
from pipeline.gate import variables as gate
from pipeline.gate.override import Override
from pipeline.project_root import PROJECT_ROOT
from sandbox.moto_host.moto_server import MotoServer

from .helpers import (
    SOURCE,
    codebuild_action,
    context,
    deploy_action,
    environ,
    make_repo,
    pipeline_template,
    project,
    read,
    sandbox_at,
    source_stage,
    spec,
    step_lines,
    synth_stage,
    write_assembly,
)

PROD_ACCOUNT, PROD_REGION = "333333333333", "us-west-2"
ALARM = "app-prod-gate"
GATE_VARIABLES: dict[str, Any] = {
    gate.ENVIRONMENT: "prod",
    gate.ALARM: ALARM,
    gate.REGION: PROD_REGION,
    gate.READER_ROLE: f"arn:aws:iam::{PROD_ACCOUNT}:role/app-prod-gate-reader",
    gate.PIPELINE: "app-pipeline",
    gate.STAGE: "Prod",
    gate.TOPIC: {"Ref": "Topic"},
    gate.CANARY_FRESHNESS: "15",
}
TESTS_CONTRACT = {"STACK_NAME": "Prod-App", "TARGET_REGION": PROD_REGION, "TEST_ENVIRONMENT": "prod"}
ENTRY_COMMAND = f"{sys.executable} -m pipeline.gate entry"
BAKE_COMMAND = f"{sys.executable} -m pipeline.gate bake"
# Copied into the test repository: the gate and what it imports, as the step's source artifact holds them.
GATE_FILES = [
    "pipeline/__init__.py",
    "pipeline/aws_errors.py",
    *(str(p.relative_to(PROJECT_ROOT)) for p in sorted((PROJECT_ROOT / "pipeline" / "gate").glob("*.py"))),
    "backend/__init__.py",
    "backend/naming.py",
]
ALL_AS_EXPECTED = "OK→pass ALARM→1 INSUFFICIENT_DATA→2 missing→2"


def gate_template(
    entry: list[str],
    bake: list[str],
    *,
    entry_variables: Mapping[str, Any] | None = None,
    resources: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Build, the entry check in a stage of its own, then the gated stage: deploy, tests, bake."""
    return pipeline_template(
        [
            source_stage(),
            synth_stage(),
            {"Name": "Gate-prod", "Actions": [codebuild_action("GateCheck-prod", "GateCheck", inputs=[SOURCE])]},
            {
                "Name": "Prod",
                "Actions": [
                    deploy_action("Prod-App", region=PROD_REGION, account=PROD_ACCOUNT),
                    codebuild_action("IntegrationTests-prod", "ProdTests", inputs=[SOURCE], run_order=2),
                    codebuild_action("Bake-prod", "Bake", inputs=[SOURCE], run_order=3),
                ],
            },
        ],
        {
            "SynthProject": project(spec("true")),
            "GateCheck": project(spec(*entry), {**GATE_VARIABLES, **(entry_variables or {})}),
            "ProdTests": project(spec("true"), TESTS_CONTRACT),
            "Bake": project(spec(*bake), {**GATE_VARIABLES, gate.BAKE_MINUTES: "10"}),
            "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "notifications"}},
            **(resources or {}),
        },
    )


def gate_repo(directory: Path, *, fake_gate: str | None = None) -> Path:
    """The real gate, or a fake `pipeline/gate/__main__.py`."""
    if fake_gate is None:
        files = {relative: (PROJECT_ROOT / relative).read_text() for relative in GATE_FILES}
    else:
        files = {"pipeline/__init__.py": "", "pipeline/gate/__init__.py": "", "pipeline/gate/__main__.py": fake_gate}
    return make_repo(directory, files)


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer().start()
    yield server
    server.stop()


# --- the template -------------------------------------------------------------------------------------------------


def test_gate_steps_are_told_by_their_alarm_variable_not_by_their_position(tmp_path: Path) -> None:
    pipeline = read(write_assembly(tmp_path, gate_template([ENTRY_COMMAND], [BAKE_COMMAND])))
    assert {step.label: step.kind for step in pipeline.steps} == {
        "Build/Synth": StepKind.SYNTH,
        # a source-input step in a stage without deployments, like the synth step: its variables tell it apart
        "Gate-prod/GateCheck-prod": StepKind.GATE,
        "Prod/IntegrationTests-prod": StepKind.POST_DEPLOY,
        "Prod/Bake-prod": StepKind.GATE,
    }
    entry, bake = pipeline.of_kind(StepKind.GATE)
    assert (entry.problem, bake.problem) == (None, None)
    assert not entry.deployed_before and [d.stack_name for d in bake.deployed_before] == ["Prod-App"]
    topic = "arn:aws:sns:us-east-1:111111111111:Topic"  # the pipeline's account and region, the logical id
    assert {v.name: v.value for v in bake.project_env}[gate.TOPIC] == topic
    assert entry.placeholders == (
        f"NOTIFY_TOPIC_ARN={topic} (placeholder for Ref Topic: the topic exists once the pipeline stack is "
        "deployed; an override's announcement fails with a warning line)",
    )
    prod = next(stage for stage in pipeline.stages if stage.name == "Prod")
    assert [(d.stack_name, d.account, d.region) for d in prod.deployments] == [("Prod-App", PROD_ACCOUNT, PROD_REGION)]
    assert [stage.name for stage in pipeline.stages] == ["Source", "Build", "Gate-prod", "Prod"]


def test_only_a_gate_steps_topic_variable_may_name_the_pipelines_topic(tmp_path: Path) -> None:
    def entry_problem(name: str, variables: Mapping[str, Any], resources: Mapping[str, Any] | None = None) -> Any:
        template = gate_template(["true"], ["true"], entry_variables=variables, resources=resources)
        return read(write_assembly(tmp_path / name, template)).steps[1]

    named = entry_problem(
        "named", {}, {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "app-notifications"}}}
    )
    assert {v.name: v.value for v in named.project_env}[gate.TOPIC].endswith(":111111111111:app-notifications")

    region_from_topic = entry_problem("region", {gate.REGION: {"Ref": "Topic"}})
    assert region_from_topic.kind is StepKind.GATE  # still a gate step, that cannot run
    assert region_from_topic.problem == "an environment variable needs a deployed resource (Ref Topic)"
    bucket = entry_problem("bucket", {gate.TOPIC: {"Ref": "Bucket"}}, {"Bucket": {"Type": "AWS::S3::Bucket"}})
    assert bucket.problem == "an environment variable needs a deployed resource (Ref Bucket)"
    get_att = entry_problem("getatt", {gate.TOPIC: {"Fn::GetAtt": ["Topic", "TopicArn"]}})
    assert get_att.problem and "Fn::GetAtt" in get_att.problem

    tests_with_topic = gate_template(["true"], ["true"])
    tests_with_topic["Resources"]["ProdTests"] = project(spec("true"), {**TESTS_CONTRACT, gate.TOPIC: {"Ref": "Topic"}})
    tests = read(write_assembly(tmp_path / "tests", tests_with_topic)).steps[2]
    assert tests.problem == "an environment variable needs a deployed resource (Ref Topic)"


# --- the variables and the contract -------------------------------------------------------------------------------


def test_a_gate_steps_variables_point_at_the_sandboxs_moto_and_keep_where_the_alarm_is() -> None:
    step_env = {
        **{k: v for k, v in GATE_VARIABLES.items() if isinstance(v, str)},
        gate.TOPIC: "arn:aws:sns:us-east-1:111111111111:Topic",
        "AWS_REGION": "us-east-1",
        "PATH": "/usr/bin",
    }
    assert map_gate_to_sandbox(step_env, sandbox_at("http://127.0.0.1:5123")) == {
        **step_env,  # the alarm's name, account (the reader role's) and region: where the dry run puts the alarm
        "AWS_ENDPOINT_URL": "http://127.0.0.1:5123",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_MAX_ATTEMPTS": "1",
        gate.SECONDS_PER_MINUTE: "0.1",
    }


def test_the_gate_contract_is_checked_against_the_template(tmp_path: Path) -> None:
    pipeline = read(write_assembly(tmp_path, gate_template(["true"], ["true"])))
    entry, bake = pipeline.of_kind(StepKind.GATE)
    env = {k: v for k, v in GATE_VARIABLES.items() if isinstance(v, str)}
    assert gate_contract_problems(entry, pipeline, env) == gate_contract_problems(bake, pipeline, env) == []

    assert gate_contract_problems(entry, pipeline, {**env, gate.PIPELINE: "app"}) == [
        "PIPELINE_NAME 'app' is not this pipeline (app-pipeline): the gate steps read its state to tell a rollback "
        "from a release"
    ]
    assert gate_contract_problems(entry, pipeline, {**env, gate.STAGE: "Build"}) == [
        "GATE_STAGE_NAME 'Build' is not a stage of app-pipeline that deploys (those that do: Prod)"
    ]
    assert gate_contract_problems(entry, pipeline, {**env, gate.REGION: "us-east-1"}) == [
        "GATE_READER_ROLE_ARN and GATE_REGION name 333333333333/us-east-1, but stage Prod deploys to "
        "333333333333/us-west-2"
    ]
    other_account = {**env, gate.READER_ROLE: "arn:aws:iam::444444444444:role/app-prod-gate-reader"}
    assert gate_contract_problems(bake, pipeline, other_account) == [
        "GATE_READER_ROLE_ARN and GATE_REGION name 444444444444/us-west-2, but stage Prod deploys to "
        "333333333333/us-west-2"
    ]


def test_a_broken_contract_fails_the_step_before_any_alarm_is_set(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    template = gate_template([f"touch {marker}", ENTRY_COMMAND], ["true"], entry_variables={gate.STAGE: "Build"})
    ctx = context(gate_repo(tmp_path / "repo"), write_assembly(tmp_path / "ref", template), environ())
    # An endpoint nothing listens on: the step must fail before it would be used.
    result = run_step(ctx.pipeline.of_kind(StepKind.GATE)[0], ctx, sandbox=sandbox_at("http://127.0.0.1:9"))
    assert result.status == "FAIL" and result.detail.startswith("GATE_STAGE_NAME 'Build' is not a stage")
    assert not marker.exists()


# --- what each state must give ------------------------------------------------------------------------------------


def test_the_expected_outcomes_are_the_gates_statuses_relaxed_only_by_an_override() -> None:
    assert (checks.GO, str(checks.IN_ALARM), str(checks.BLIND)) == (0, IN_ALARM, BLIND)
    assert STATES == ("OK", "ALARM", "INSUFFICIENT_DATA", "missing")
    no_override = {check: [expected(state, check, None) for state in STATES] for check in (ENTRY, BAKE)}
    assert no_override == {ENTRY: [PASSED, "1", "2", "2"], BAKE: [PASSED, "1", "2", "2"]}

    into_alarm = Override("ship-into-alarm", "the fix", datetime.date(2999, 1, 1))
    assert [expected(s, ENTRY, into_alarm) for s in STATES] == [PASSED, PASSED, "2", "2"]
    assert [expected(s, BAKE, into_alarm) for s in STATES] == [PASSED, "1", "2", "2"]  # ALARM to the bake's end
    first = Override("first-deploy", "new", datetime.date(2999, 1, 1))
    assert [expected(s, ENTRY, first) for s in STATES] == [PASSED, "1", PASSED, PASSED]
    assert [expected(s, BAKE, first) for s in STATES] == [PASSED, "1", PASSED, PASSED]

    today = datetime.date(2030, 6, 1)
    variables = {gate.OVERRIDE_MODE: "first-deploy", gate.OVERRIDE_REASON: "new"}
    assert active_override({**variables, gate.OVERRIDE_EXPIRES: "2030-06-01"}, today) is not None
    assert active_override({**variables, gate.OVERRIDE_EXPIRES: "2030-05-31"}, today) is None  # expired
    assert active_override({**variables, gate.OVERRIDE_EXPIRES: "soon"}, today) is None  # the step fails closed
    assert active_override({}, today) is None


def test_what_a_state_gave_and_the_verdict() -> None:
    command = "python -m pipeline.gate entry"
    ok = BuildOutcome({"build": "SUCCEEDED"}, (), 0)
    in_alarm = BuildOutcome({"build": "FAILED"}, (CommandFailure("build", command, 1),), 0)
    install = BuildOutcome({"build": "FAILED"}, (CommandFailure("build", "pip install x", 1),), 0)
    assert (observed(ok, command), observed(in_alarm, command), observed(in_alarm, None)) == (PASSED, "1", "1")
    assert observed(install, command) == "failed otherwise: phase BUILD: command `pip install x` exited with 1"

    good = [StateResult(s, e, e) for s, e in zip(STATES, (PASSED, "1", "2", "2"), strict=True)]
    assert verdict(good) == (True, ALL_AS_EXPECTED)
    wrong = [good[0], StateResult("ALARM", "1", PASSED), *good[2:]]
    assert verdict(wrong) == (False, "OK→pass ALARM→pass (expected 1) INSUFFICIENT_DATA→2 missing→2")


# --- against a moto server ------------------------------------------------------------------------------------------


FAKE_GATE = """
import json, os, sys
from pathlib import Path
keys = ("PROBE", "GATE_ALARM_NAME", "GATE_OVERRIDE_MODE", "NOTIFY_TOPIC_ARN", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID")
seen = {"cwd": os.getcwd(), **{k: os.environ.get(k) for k in keys}}
with open(os.environ["RECORD"], "a") as record:
    record.write(json.dumps(seen) + "\\n")
sys.exit(0)  # lets everything through
"""


def test_a_gate_that_lets_a_release_through_in_alarm_fails_the_dry_run(tmp_path: Path, moto: MotoServer) -> None:
    record, installs = tmp_path / "record.jsonl", tmp_path / "installs"
    commands = [
        f"printf i >> {installs}",
        f"export PROBE=carried RECORD={record} PYTHONPATH=$CODEBUILD_SRC_DIR",
        "mkdir -p elsewhere && cd elsewhere",
        ENTRY_COMMAND,
    ]
    developer = {**environ(), "GATE_OVERRIDE_MODE": "ship-into-alarm", "NOTIFY_TOPIC_ARN": "arn:aws:sns:x:1:mine"}
    lines: list[str] = []
    template = gate_template(commands, ["true"])
    ctx = context(
        gate_repo(tmp_path / "repo", fake_gate=FAKE_GATE), write_assembly(tmp_path / "ref", template), developer, lines
    )

    result = run_step(ctx.pipeline.of_kind(StepKind.GATE)[0], ctx, sandbox=sandbox_at(moto.url))

    assert result.status == "FAIL", "\n".join(lines)
    assert result.detail == (
        "OK→pass ALARM→pass (expected 1) INSUFFICIENT_DATA→pass (expected 2) missing→pass (expected 2)"
    )
    assert installs.read_text() == "i"  # what comes before the gate command ran once, not once per state
    seen = [json.loads(line) for line in record.read_text().splitlines()]
    assert len(seen) == len(STATES)
    # Each state's check starts from the shell state the install left: exported variables and the directory.
    assert {(s["PROBE"], Path(s["cwd"]).name) for s in seen} == {("carried", "elsewhere")}
    assert {s["GATE_ALARM_NAME"] for s in seen} == {ALARM}
    assert {s["GATE_OVERRIDE_MODE"] for s in seen} == {None}  # the developer's variables never reach the step
    assert {s["NOTIFY_TOPIC_ARN"] for s in seen} == {"arn:aws:sns:us-east-1:111111111111:Topic"}
    assert {(s["AWS_ENDPOINT_URL"], s["AWS_ACCESS_KEY_ID"]) for s in seen} == {(moto.url, "testing")}


def test_an_override_changes_what_is_expected_and_its_announcement_only_warns(tmp_path: Path, moto: MotoServer) -> None:
    override = {
        gate.OVERRIDE_MODE: "ship-into-alarm",
        gate.OVERRIDE_REASON: "the fix",
        gate.OVERRIDE_EXPIRES: "2999-01-01",
    }
    lines: list[str] = []
    template = gate_template([ENTRY_COMMAND], ["true"], entry_variables=override)
    ctx = context(gate_repo(tmp_path / "repo"), write_assembly(tmp_path / "ref", template), environ(), lines)

    result = run_step(ctx.pipeline.of_kind(StepKind.GATE)[0], ctx, sandbox=sandbox_at(moto.url))

    out = "\n".join(lines)
    assert (result.status, result.detail) == (
        "PASS",
        "OK→pass ALARM→pass INSUFFICIENT_DATA→2 missing→2 (gate_override ship-into-alarm)",
    ), out
    assert "OVERRIDE accepted entry into an environment in ALARM" in out
    assert (
        "warning: could not announce 'Rollout gate override used for prod' on arn:aws:sns:us-east-1:111111111111:Topic"
        in out
    )


def test_the_dry_run_runs_both_gate_steps_in_every_state_against_the_sandbox(
    tmp_path: Path, moto: MotoServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = tmp_path / "amplify_outputs.json"
    custom: dict[str, Any] = {"stack_name": "sandbox", "aws_endpoint": moto.url, "access_key_id": "testing"}
    custom |= {"secret_access_key": "testing", "ca_cert": None, "account_id": "123456789012"}
    outputs.write_text(json.dumps({"data": {"aws_region": "us-east-1"}, "custom": {"sandbox": custom}}))
    monkeypatch.setenv("AMPLIFY_OUTPUTS", str(outputs))
    assembly = write_assembly(tmp_path / "ref", gate_template([ENTRY_COMMAND], [BAKE_COMMAND]))

    status = main(
        ["--assembly", str(assembly), "--only", "gate"], repo=gate_repo(tmp_path / "repo"), work_root=tmp_path
    )

    out = capsys.readouterr().out
    assert status == 0, out
    summary = step_lines(out)
    assert [line.split()[:3] for line in summary] == [
        ["NOT", "RUN", "synth"],
        ["PASS", "gate", "Gate-prod/GateCheck-prod"],
        ["NOT", "RUN", "post-deploy"],
        ["PASS", "gate", "Prod/Bake-prod"],
    ]
    assert summary[0].endswith("--only gate")
    assert summary[1].endswith(ALL_AS_EXPECTED) and summary[3].endswith(ALL_AS_EXPECTED)
    assert "[Bake-prod] bake prod: PASS: stayed out of ALARM for 10 min" in out  # 1 s here
    assert "[Bake-prod] bake prod: cannot read the state of pipeline app-pipeline" in out  # moto: no such pipeline
    assert f"[GateCheck-prod] canary: a successful run a minute ago for prod in {PROD_ACCOUNT}/{PROD_REGION}" in out
