"""The replacement guard: which changes of a template would replace or delete a stateful resource.

CloudFormation replaces a resource when a property it cannot update changes, and with `UpdateReplacePolicy:
Retain` the old resource (the table with the users' posts, the user pool with their passwords) is left outside
the stack while the app is pointed at a new, empty one; an automatic rollback redeploys the old template and so
creates yet another empty resource. The guard compares a template with the one before it (a baseline assembly
offline, the deployed template in the pipeline) and finds, for every stateful resource (stateful.py):

- *replaces*: a property CloudFormation's resource schema marks `createOnlyProperties` or
  `conditionalCreateOnlyProperties` changed (schemas.py reads them from cfn-lint's copy of the schemas at run
  time), or one the resource reference says needs replacement where the schema is silent (supplement.py, each
  entry with its page); or the resource's type changed; or such a property refers to a resource that is itself
  replaced or deleted (its new physical id is a change too);
- *deletes*: the logical id is gone from the new template (removed, or renamed: a new logical id is a new,
  empty resource).

verdict.py decides per environment: a protected environment refuses every finding that `allow_replacements` in
config/environments.yaml does not acknowledge; any other environment only notes them. Used by `python -m
devtools.preflight ASSEMBLY --baseline DIR` (assemblies.py) and by the pipeline's `PreDeploy-<env>` step
(pipeline/predeploy), with the same code. Needs only the standard library and cfn-lint's schemas.
"""

from __future__ import annotations

from .compare import Change, compare
from .schemas import SchemaError
from .stateful import STATEFUL_TYPES
from .verdict import Acknowledgement, Verdict, judge

__all__ = ["STATEFUL_TYPES", "Acknowledgement", "Change", "SchemaError", "Verdict", "compare", "judge"]
