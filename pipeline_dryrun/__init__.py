"""Run the pipeline's own CodeBuild steps locally, as read from the synthesized pipeline template.

`python -m pipeline_dryrun [--assembly cdk.out] [--only synth|post-deploy|gate ...]`

The commands, environment variables, runtimes and artifact directories all come from the
`AWS::CodePipeline::Pipeline` and `AWS::CodeBuild::Project` resources of the synthesized pipeline stack:
there is no second copy of what the pipeline runs. Modules, one purpose each:

- `assembly`   reads the cloud assembly: the pipeline stack, its region, the stack artifact ids
- `intrinsics` resolves the few CloudFormation intrinsics a project or buildspec may hold
- `template`   turns the pipeline resource into steps (synth, post-deploy, gate, not runnable offline)
- `buildspec`  parses a buildspec (inline or an assembly file) into phases and artifacts, and splits one in two
- `workspace`  the fresh copy of the repository a CodeConnections source zip would hold
- `runtimes`   `phases.install.runtime-versions` -> binaries on this machine
- `environment` the clean CodeBuild-like environment of a step
- `shell`      runs the phases in one shell and reports the failing command
- `variables`  maps the post-deploy and gate steps' variables to a running sandbox, and checks their contract
- `gate_states` the gate alarm's four states (OK, ALARM, INSUFFICIENT_DATA, missing) in the sandbox's moto, and
               what a gate step must do in each
- `checks`     what CodeBuild and the pipeline check after a build (artifacts, stacks, JUnit)
- `runner`     one step from input artifacts to PASS/FAIL (a gate step: install once, the check per state)
- `__main__`   the command line
"""
