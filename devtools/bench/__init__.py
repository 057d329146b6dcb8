"""`make bench`: what our users feel, as ratios against baselines measured side by side in one run."""

import os

# Before any aws_cdk import (the pipeline section synthesizes in-process): Node 20 is supported for our use.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
