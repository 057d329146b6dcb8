#!/bin/sh
# Bake: watch an alarm for MINUTES after a deployment and its tests. Fail (exit 1) when it goes into ALARM after
# having been out of it, or when it is still in ALARM when the time is up: the stage fails and its OnFailure
# condition rolls it back. An alarm already in ALARM at the start (a fix shipped into a hurting environment, its
# entry condition overridden) gets the whole bake to recover, like the OnSuccess rule's WaitTime.
# POSIX sh (CodeBuild's default shell) and the AWS CLI that CodeBuild's standard images ship; the alarm is in
# the pipeline's own account and region. Usage: bake.sh ALARM_NAME MINUTES [POLL_SECONDS]
set -eu
alarm="$1"
minutes="$2"
poll="${3:-30}"
deadline=$(( $(date +%s) + minutes * 60 ))
been_healthy=no
while :; do
  state=$(aws cloudwatch describe-alarms --alarm-names "$alarm" --query 'MetricAlarms[0].StateValue' --output text)
  case "$state" in
    OK|INSUFFICIENT_DATA) been_healthy=yes ;;
    ALARM)
      if [ "$been_healthy" = yes ]; then
        echo "bake: $alarm went into ALARM: failing the stage so that it rolls back"
        exit 1
      fi ;;
    *)
      echo "bake: no alarm named $alarm in this account and region (got '$state'): the bake cannot watch anything" >&2
      exit 2 ;;
  esac
  now=$(date +%s)
  if [ "$now" -ge "$deadline" ]; then
    break
  fi
  echo "bake: $alarm is $state, $(( (deadline - now + 59) / 60 )) min to go"
  sleep "$poll"
done
if [ "$state" = ALARM ]; then
  echo "bake: $alarm is still in ALARM after $minutes min: failing the stage so that it rolls back"
  exit 1
fi
echo "bake: $alarm stayed out of ALARM for $minutes min"
