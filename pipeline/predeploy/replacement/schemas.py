"""Which properties of a resource type CloudFormation cannot update in place, from its resource schema.

The CloudFormation registry's resource schemas list them: `createOnlyProperties` ("can be specified by the
customer only during resource creation", so a change means a new resource) and
`conditionalCreateOnlyProperties` (a change may need a new resource, depending on the change), as JSON pointers
such as `/properties/KeySchema`
(https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html). cfn-lint ships
those schemas, per region and patched where its maintainers found them wrong; they are read here at run time
through cfn-lint's own schema manager, never copied. The pinned cfn-lint (requirements-dev.txt, and
requirements-predeploy.txt for the pipeline's pre-deploy step) decides which schema version is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

FALLBACK_REGION = "us-east-1"  # cfn-lint's primary region: the types every region has are there


class SchemaError(RuntimeError):
    """cfn-lint (and with it the resource schemas) is not installed."""


@dataclass(frozen=True)
class CreateOnly:
    resource_type: str
    create_only: tuple[str, ...]  # JSON pointers into the resource, e.g. /properties/TableName
    conditional: tuple[str, ...]
    found: bool  # False: cfn-lint has no schema for this type (a custom resource, a type it does not know)


def _manager() -> Any:
    try:
        from cfnlint.schema import PROVIDER_SCHEMA_MANAGER  # local: ~2 s to import
    except ImportError as exc:
        raise SchemaError(
            f"cfn-lint is not installed ({exc}); it ships the CloudFormation resource schemas the replacement "
            "guard reads (requirements-dev.txt, requirements-predeploy.txt)"
        ) from exc
    return PROVIDER_SCHEMA_MANAGER


@cache
def create_only(resource_type: str, region: str | None) -> CreateOnly:
    manager = _manager()  # first: a missing cfn-lint is one line, not a traceback
    from cfnlint.schema import ResourceNotFoundError

    schema: dict[str, Any] | None = None
    for where in dict.fromkeys([region or FALLBACK_REGION, FALLBACK_REGION]):
        try:
            schema = manager.get_resource_schema(where, resource_type).schema
            break
        except ResourceNotFoundError:
            continue
        except (KeyError, ModuleNotFoundError):  # a region cfn-lint has no schemas for
            continue
    if schema is None:
        return CreateOnly(resource_type, (), (), found=False)
    return CreateOnly(
        resource_type,
        tuple(schema.get("createOnlyProperties") or ()),
        tuple(schema.get("conditionalCreateOnlyProperties") or ()),
        found=True,
    )


@cache
def source() -> str:
    """What the schemas are, for the lines that cite them."""
    try:
        return f"CloudFormation resource schema, cfn-lint {metadata.version('cfn-lint')}"
    except metadata.PackageNotFoundError:
        return "CloudFormation resource schema, cfn-lint"
