"""A protected user pool (DeletionProtection ACTIVE) must send through SES (EmailSendingAccount DEVELOPER): one line
naming the pool and citing botocore's documentation of Cognito's daily cap; development pools may keep Cognito's."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from config import parse_config
from devtools.preflight.checks import check_assembly
from devtools.preflight.checks.cognito_email import daily_cap_source
from pipeline.project_root import PROJECT_ROOT
from tests.unit.conftest import synth

from .helpers import failures, resource

SES = {
    "EmailSendingAccount": "DEVELOPER",
    "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    "From": "no-reply@example.com",
}
CAP = (
    'botocore cognito-idp EmailConfigurationType.EmailSendingAccount, COGNITO_DEFAULT: "Amazon Cognito allows only a '
    "limited number of emails each day for your user pool. For typical production environments, the default email "
    'limit is less than the required delivery volume."'
)
REFUSAL = (
    "is not DEVELOPER: a protected user pool (DeletionProtection ACTIVE) must send through SES; set "
    "email.ses_identity_arn for the environment in config/environments.yaml"
)


def pool(**properties):
    return resource("AWS::Cognito::UserPool", **properties)


def test_the_cap_is_quoted_from_the_pinned_botocore_model() -> None:
    assert daily_cap_source() == CAP


def test_a_protected_pool_on_cognitos_sender_is_refused_in_one_line() -> None:
    assert failures({"Pool": pool(DeletionProtection="ACTIVE")}) == [
        f"Test.template.json: Pool: Properties.EmailConfiguration.EmailSendingAccount: absent (Cognito's built-in "
        f"sender) {REFUSAL} ({CAP})"
    ]
    default = {"EmailSendingAccount": "COGNITO_DEFAULT", "SourceArn": SES["SourceArn"]}
    [line] = failures({"Pool": pool(DeletionProtection="ACTIVE", EmailConfiguration=default)})
    assert line.startswith(
        "Test.template.json: Pool: Properties.EmailConfiguration.EmailSendingAccount: 'COGNITO_DEFAULT'"
    )


def test_a_protected_pool_sending_through_ses_passes() -> None:
    assert failures({"Pool": pool(DeletionProtection="ACTIVE", EmailConfiguration=SES)}) == []


def test_development_pools_may_keep_cognitos_sender() -> None:
    assert failures({"Pool": pool(DeletionProtection="INACTIVE")}) == []
    assert failures({"Pool": pool()}) == []  # CloudFormation's default is INACTIVE


def test_a_sending_account_known_only_at_deploy_time_is_not_taken_for_ses() -> None:
    chosen = {"EmailSendingAccount": {"Ref": "Sender"}}
    parameters = {"Sender": {"Type": "String"}}
    [line] = failures({"Pool": pool(DeletionProtection="ACTIVE", EmailConfiguration=chosen)}, Parameters=parameters)
    assert ": known only at deploy time is not DEVELOPER" in line


def test_the_example_config_passes_and_prod_without_its_ses_identity_is_refused(default_synth, tmp_path: Path) -> None:
    def cognito_lines(outdir: Path) -> list[str]:
        return [f.line() for f in check_assembly(outdir).findings if "EmailSendingAccount" in f.line()]

    assert cognito_lines(default_synth.outdir) == []  # dev: Cognito's sender, unprotected; prod: SES

    data = copy.deepcopy(yaml.safe_load((PROJECT_ROOT / "config" / "environments.yaml").read_text()))
    del data["environments"][1]["email"]
    [line] = cognito_lines(synth(parse_config(data), tmp_path / "cdk.out").outdir)
    assert line.startswith("assembly-MobileBackendPipeline-Prod/") and ".template.json: AuthUserPool" in line
    assert REFUSAL in line
