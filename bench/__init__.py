"""`make bench`: what our users feel, as ratios against baselines measured side by side in one run."""
