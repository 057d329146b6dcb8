"""CloudFormation's rules, read offline, shared by the sandbox, `make preflight`, `make pipeline-dryrun` and the
pipeline's pre-deploy step: the cloud assembly's manifest (assembly.py), regions and partitions (partitions.py),
pseudo parameters and intrinsic functions (intrinsics.py). Imports botocore's data at most, never CDK."""
