"""CloudWatch `PutCompositeAlarm` for moto, which stores composite alarms but (5.2) has no call to create one.

moto's alarm model already has a rule (`AlarmRule`), `DescribeAlarms` returns alarms with a rule under
`CompositeAlarms`, and `SetAlarmState` works on them; only the API action is missing. PutCompositeAlarm's
parameters (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html) are
a subset of PutMetricAlarm's plus `AlarmRule`, which moto's PutMetricAlarm handler already reads, so the action
is that handler. A new composite alarm starts as INSUFFICIENT_DATA, as in CloudWatch (moto would start it as
OK, which the gate would read as healthy). moto does not evaluate alarms (neither kind): a composite alarm's
state changes only through `SetAlarmState`, which is how the gate's tests and the pipeline dry run drive it.
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    """Idempotent; for this process's moto (mock_aws or the sandbox's server)."""
    global _installed
    if _installed:
        return
    from moto.cloudwatch.responses import CloudWatchResponse

    if not hasattr(CloudWatchResponse, "put_composite_alarm"):
        CloudWatchResponse.put_composite_alarm = _put_composite_alarm  # type: ignore[attr-defined]
    _installed = True


def _put_composite_alarm(self: Any) -> Any:
    name = self._get_param("AlarmName")
    existed = name in self.cloudwatch_backend.alarms
    result = self.put_metric_alarm()
    if not existed:
        self.cloudwatch_backend.alarms[name].update_state(
            "Unchecked: Initial alarm creation", None, "INSUFFICIENT_DATA"
        )
    return result
