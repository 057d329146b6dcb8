"""Run the pipeline's own CodeBuild steps locally, as read from the synthesized pipeline template.

    python -m devtools.pipeline_dryrun [--assembly cdk.out]
        [--only synth|self-mutate|assets|permissions|post-deploy|gate ...]

The commands, environment variables, runtimes and artifact directories all come from the
`AWS::CodePipeline::Pipeline` and `AWS::CodeBuild::Project` resources of the synthesized pipeline stack:
there is no second copy of what the pipeline runs. Modules, one purpose each:

- `assembly`   reads the cloud assembly: the pipeline stack, its region, the stack artifact ids
- `template` resolves intrinsics with `pipeline.cloudformation.intrinsics` (one resolver: the dry run, the sandbox)
- `template`   turns the pipeline resource into steps (synth, self-mutate, assets, permissions, post-deploy, gate,
               or one the dry run does not know), each with its unpinned installs
- `pipeline_model` the pipeline as the dry run reads it (stages, deployments, steps) and the kinds of step
- `placeholders` stand-ins for the pipeline stack's own resources (its topic's ARN, its functions' names)
- `pins`       the static check: installs without an exact version, per buildspec
- `buildspec`  parses a buildspec (inline or an assembly file) into phases and artifacts, and splits one in two
- `workspace`  the fresh copy of the repository a CodeConnections source zip would hold
- `runtimes`   `phases.install.runtime-versions` -> binaries on this machine
- `image_tools` the CodeBuild image's tools (AWS CLI, jq, zip, ...): what this machine has, stand-ins for the rest
- `environment` the clean CodeBuild-like environment of a step
- `shell`      runs the phases in one shell and reports the failing command
- `variables`  maps the post-deploy and gate steps' variables to a running sandbox, and checks their contract
- `gate_states` the gate alarm's four states (OK, ALARM, INSUFFICIENT_DATA, missing) in the sandbox's moto, and
               what a gate step must do in each
- `checks`     what CodeBuild and the pipeline check after a build (artifacts, stacks, JUnit)
- `tested_tree` the tree `make test-unit` last passed on: the synth step does not run the unit suite again on it
- `artifacts`  the synth step's output for the steps that take it (its own, or the reference assembly)
- `aws_steps`  self-mutation, asset publishing and the permission check against the sandbox's moto: the
               bootstrapped environments and the pipeline made there, what is checked after the build
- `aws_step_inputs` what such a step works on, from its assembly and buildspec (asset destinations, bootstrap)
- `aws_step_run` runs such a step through the recording proxy: PASS, FAIL or PARTIAL
- `aws_proxy`  the recording proxy between such a step and moto: every AWS call and its answer
- `moto_limits` whether a failed AWS step stopped at what moto (or this machine) cannot do: PARTIAL, not FAIL
- `runner`     one step from input artifacts to PASS/FAIL/PARTIAL
- `step_run`   a step's result, the run's context, and its build directory, output prefix and clock
- `step_build` a step made ready to run: inputs, buildspec, environment, runtimes, image tools, shell
- `gate_step`  a gate step: install once, the check per alarm state
- `__main__`   the command line
"""
