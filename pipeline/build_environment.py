"""The CodeBuild image and runtimes every pipeline step uses.

Ubuntu standard:7.0 (22.04) offers nodejs 22 and python 3.12 through `runtime-versions`
(https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html). Node 20 reached end of life
in April 2026, so the pipeline pins 22 (the CDK CLI and jsii support it); developer machines may still run 20.
"""

from __future__ import annotations

from aws_cdk import aws_codebuild as codebuild

BUILD_IMAGE = codebuild.LinuxBuildImage.STANDARD_7_0
NODE_VERSION = "22"
PYTHON_VERSION = "3.12"
INSTALL_RUNTIMES = {"phases": {"install": {"runtime-versions": {"python": PYTHON_VERSION, "nodejs": NODE_VERSION}}}}
