"""preflight: what CloudFormation, CodePipeline, IAM, Lambda and friends would reject at deploy time, caught
offline from a synthesized cloud assembly.

Limits come from botocore's service models (botocore_limits, mapped to template properties in property_limits)
and, where botocore has none, from the documented quotas in quotas.py. Values resolved at deploy time count at
their worst-case length (render). `python -m devtools.preflight [cdk.out]`.
"""

from __future__ import annotations

from pipeline.cloudformation.assembly import AssemblyError, Stack, load_stacks

from .checks import check_assembly, check_stacks
from .report import Finding, Results

__all__ = ["AssemblyError", "Finding", "Results", "Stack", "check_assembly", "check_stacks", "load_stacks"]
