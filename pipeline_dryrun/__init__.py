"""Run the pipeline's own CodeBuild steps locally, as read from the synthesized pipeline template.

`python -m pipeline_dryrun [--assembly cdk.out] [--only synth|post-deploy]`

The commands, environment variables, runtimes and artifact directories all come from the
`AWS::CodePipeline::Pipeline` and `AWS::CodeBuild::Project` resources of the synthesized pipeline stack:
there is no second copy of what the pipeline runs. Modules, one purpose each:

- `assembly`   reads the cloud assembly: the pipeline stack, its region, the stack artifact ids
- `intrinsics` resolves the few CloudFormation intrinsics a project or buildspec may hold
- `template`   turns the pipeline resource into steps (synth, post-deploy, not runnable offline)
- `buildspec`  parses a buildspec (inline or an assembly file) into phases and artifacts
- `workspace`  the fresh copy of the repository a CodeConnections source zip would hold
- `runtimes`   `phases.install.runtime-versions` -> binaries on this machine
- `environment` the clean CodeBuild-like environment of a step
- `shell`      runs the phases in one shell and reports the failing command
- `variables`  maps the post-deploy step's variables to a running sandbox
- `checks`     what CodeBuild and the pipeline check after a build (artifacts, stacks, JUnit)
- `runner`     one step from input artifacts to PASS/FAIL
- `__main__`   the command line
"""
