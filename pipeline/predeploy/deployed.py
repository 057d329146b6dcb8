"""What CloudFormation has deployed: the stack's template as it was submitted (`GetTemplate`, TemplateStage
`Original`), read in the environment's account and region through its template reader role
(backend/infra/rollout_gate.py, TemplateReader).

`GetTemplate` of a stack that does not exist fails with a ValidationError "Stack with id <name> does not exist"
(https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html, CommonErrors): that is a
first deployment. Anything else that keeps the template from being read is an error the caller fails closed on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from pipeline.aws_errors import describe


class TemplateUnreadable(Exception):
    """The deployed template cannot be read (role, permission, region, throttling): the checks cannot run."""


@dataclass(frozen=True)
class DeployedStack:
    stack_name: str
    region: str
    role_arn: str

    @property
    def account(self) -> str:
        return self.role_arn.split(":")[4]

    @property
    def where(self) -> str:
        return f"{self.account}/{self.region}"


def _missing(exc: ClientError) -> bool:
    error = exc.response.get("Error", {})
    return error.get("Code") == "ValidationError" and "does not exist" in str(error.get("Message", ""))


def read_template(session: Any, stack: DeployedStack, *, session_name: str) -> dict[str, Any] | None:
    """The deployed template, or None when the stack does not exist. Raises TemplateUnreadable."""
    try:
        sts = session.client("sts", region_name=session.region_name or stack.region)
        credentials = sts.assume_role(RoleArn=stack.role_arn, RoleSessionName=session_name[:64])["Credentials"]
    except (ClientError, BotoCoreError) as exc:
        raise TemplateUnreadable(f"cannot assume {stack.role_arn} ({describe(exc)})") from None
    cloudformation = session.client(
        "cloudformation",
        region_name=stack.region,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    try:
        body = cloudformation.get_template(StackName=stack.stack_name, TemplateStage="Original")["TemplateBody"]
    except ClientError as exc:
        if _missing(exc):
            return None
        raise TemplateUnreadable(
            f"cannot read {stack.stack_name}'s template in {stack.where} ({describe(exc)})"
        ) from None
    except BotoCoreError as exc:
        raise TemplateUnreadable(f"cannot read {stack.stack_name}'s template in {stack.where} ({exc})") from None
    if isinstance(body, str):  # botocore decodes a JSON body itself; a string is YAML or not a template
        try:
            body = json.loads(body)
        except json.JSONDecodeError:
            raise TemplateUnreadable(f"{stack.stack_name}'s deployed template in {stack.where} is not JSON") from None
    if not isinstance(body, dict):
        raise TemplateUnreadable(f"{stack.stack_name}'s deployed template in {stack.where} is not a JSON object")
    return body
