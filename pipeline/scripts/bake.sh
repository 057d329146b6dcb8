#!/bin/sh
# Bake: watch an alarm for MINUTES after a deployment and its tests; fail (exit 1) as soon as it is in ALARM,
# so the stage fails and its OnFailure condition rolls it back. POSIX sh (CodeBuild's default shell) and the
# AWS CLI that CodeBuild's standard images ship; the alarm is in the pipeline's own account and region.
# Usage: bake.sh ALARM_NAME MINUTES [POLL_SECONDS]
set -eu
alarm="$1"
minutes="$2"
poll="${3:-30}"
deadline=$(( $(date +%s) + minutes * 60 ))
while :; do
  state=$(aws cloudwatch describe-alarms --alarm-names "$alarm" --query 'MetricAlarms[0].StateValue' --output text)
  if [ "$state" = "ALARM" ]; then
    echo "bake: $alarm is in ALARM: failing the stage so that it rolls back"
    exit 1
  fi
  now=$(date +%s)
  if [ "$now" -ge "$deadline" ]; then
    break
  fi
  echo "bake: $alarm is $state, $(( (deadline - now + 59) / 60 )) min to go"
  sleep "$poll"
done
echo "bake: $alarm stayed out of ALARM for $minutes min"
