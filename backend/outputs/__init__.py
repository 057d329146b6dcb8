"""Stack outputs → Amplify Gen 2 `amplify_outputs.json`: the one generator (sandbox, `make outputs`, pipeline).

- `generator`: the document from a `{OutputKey: value}` mapping;
- `sources`: that mapping from a `cdk deploy --outputs-file` JSON or from CloudFormation DescribeStacks;
- `cli`: `python -m backend.outputs (--env NAME | --stack S --region R [--role-arn A] | --outputs-file F)`.

Imports only boto3 and PyYAML (lazily): the pipeline's post-deploy step runs it with requirements-integration.txt.
"""

from ..naming import stack_name_for
from .cli import main, write_outputs
from .errors import OutputsError
from .generator import (
    AUTH_SETTING_KEYS,
    KNOWN_OUTPUTS,
    OPTIONAL_OUTPUTS,
    REQUIRED_OUTPUTS,
    SANDBOX_EXTRAS_OUTPUT,
    SCHEMA_VERSION,
    amplify_outputs_from_stack_outputs,
    parse_auth_settings,
)
from .sources import canonical_outputs, describe_stack_outputs, environment_region, read_cdk_outputs_file

__all__ = [
    "AUTH_SETTING_KEYS",
    "KNOWN_OUTPUTS",
    "OPTIONAL_OUTPUTS",
    "REQUIRED_OUTPUTS",
    "SANDBOX_EXTRAS_OUTPUT",
    "SCHEMA_VERSION",
    "OutputsError",
    "amplify_outputs_from_stack_outputs",
    "canonical_outputs",
    "describe_stack_outputs",
    "environment_region",
    "main",
    "parse_auth_settings",
    "read_cdk_outputs_file",
    "stack_name_for",
    "write_outputs",
]
