"""The synth floor: a bare one-stack CDK app (jsii start-up + one resource), synthesized like app.py."""

import aws_cdk as cdk

app = cdk.App()
stack = cdk.Stack(app, "Bare")
cdk.CfnResource(stack, "Topic", type="AWS::SNS::Topic")
app.synth()
