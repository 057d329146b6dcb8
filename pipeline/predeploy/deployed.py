"""What is deployed: the stack's template as it was submitted (`GetTemplate`, TemplateStage `Original`) and the
GraphQL API's schema (AppSync `GetIntrospectionSchema` of the API named by the stack's `GraphQLApiId` output),
read in the environment's account and region through its deployed-state reader role
(backend/infra/rollout_gate.py, DeployedReader). The role is assumed once (`Reader`).

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
    """What is deployed cannot be read (role, permission, region, throttling): the checks cannot run."""


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


class Reader:
    """Clients in the environment's account and region, as its deployed-state reader role."""

    def __init__(self, session: Any, stack: DeployedStack, *, session_name: str) -> None:
        self.stack = stack
        try:
            sts = session.client("sts", region_name=session.region_name or stack.region)
            credentials = sts.assume_role(RoleArn=stack.role_arn, RoleSessionName=session_name[:64])["Credentials"]
        except (ClientError, BotoCoreError) as exc:
            raise TemplateUnreadable(f"cannot assume {stack.role_arn} ({describe(exc)})") from None
        self._session, self._credentials = session, credentials

    def client(self, service: str) -> Any:
        return self._session.client(
            service,
            region_name=self.stack.region,
            aws_access_key_id=self._credentials["AccessKeyId"],
            aws_secret_access_key=self._credentials["SecretAccessKey"],
            aws_session_token=self._credentials["SessionToken"],
        )

    def template(self) -> dict[str, Any] | None:
        """The deployed template, or None when the stack does not exist. Raises TemplateUnreadable."""
        stack = self.stack
        try:
            body = self.client("cloudformation").get_template(StackName=stack.stack_name, TemplateStage="Original")[
                "TemplateBody"
            ]
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
                raise TemplateUnreadable(
                    f"{stack.stack_name}'s deployed template in {stack.where} is not JSON"
                ) from None
        if not isinstance(body, dict):
            raise TemplateUnreadable(f"{stack.stack_name}'s deployed template in {stack.where} is not a JSON object")
        return body

    def api_schema(self) -> str | None:
        """The deployed GraphQL schema (SDL), or None when the stack has no `GraphQLApiId` output (deployed by a
        version of this project from before the output existed). Raises TemplateUnreadable."""
        stack = self.stack
        try:
            [described] = self.client("cloudformation").describe_stacks(StackName=stack.stack_name)["Stacks"]
            outputs = {o["OutputKey"]: o.get("OutputValue", "") for o in described.get("Outputs", [])}
            if not outputs.get(API_ID_OUTPUT):
                return None
            # https://docs.aws.amazon.com/appsync/latest/APIReference/API_GetIntrospectionSchema.html: the body is
            # the schema in the format asked for; directives included, so @aws_* marks survive.
            answer = self.client("appsync").get_introspection_schema(
                apiId=outputs[API_ID_OUTPUT], format="SDL", includeDirectives=True
            )
            return str(answer["schema"].read().decode("utf-8"))
        except ClientError as exc:
            raise TemplateUnreadable(
                f"cannot read the deployed GraphQL schema of {stack.stack_name} in {stack.where} ({describe(exc)})"
            ) from None
        except (BotoCoreError, ValueError) as exc:
            raise TemplateUnreadable(
                f"cannot read the deployed GraphQL schema of {stack.stack_name} in {stack.where} ({exc})"
            ) from None


API_ID_OUTPUT = "GraphQLApiId"  # backend/infra/stack.py
