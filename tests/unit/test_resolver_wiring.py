"""The AppSync wiring (backend/infra/schema_fields.py) and the runtime's registered resolvers agree.

A field wired in AppSync without a runtime resolver fails every query that selects it; a runtime resolver
that AppSync never calls is dead code. Either way this test names the field.
"""

from __future__ import annotations

from backend.infra.schema_fields import resolved_fields
from backend.runtime.graphql_handler import app


def test_every_wired_field_has_a_runtime_resolver_of_the_same_kind() -> None:
    single, batch = app.registered_fields(), app.registered_fields(batch=True)
    for field in resolved_fields():
        key = f"{field.type_name}.{field.field_name}"
        if field.batched:
            assert key in batch, f"{key} is wired as BatchInvoke but the runtime has no batch resolver"
        else:
            assert key in single, f"{key} is wired in AppSync but the runtime has no resolver"


def test_every_runtime_resolver_is_wired_in_appsync() -> None:
    wired = {f"{f.type_name}.{f.field_name}" for f in resolved_fields()}
    registered = app.registered_fields() | app.registered_fields(batch=True)
    assert registered - wired == set()


def test_the_sandbox_wires_exactly_what_the_synthesized_stage_wires(default_synth) -> None:
    from aws_cdk.assertions import Template

    from sandbox.appsync.resolver_map import resolver_fields

    template = Template.from_stack(default_synth.pipeline.stages["dev"].stack).to_json()
    wired = {(f.type_name, f.field_name): f.batched for f in resolved_fields()}
    assert {key: spec.batch for key, spec in resolver_fields(template).items()} == wired
