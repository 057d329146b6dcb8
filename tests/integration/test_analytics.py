"""Analytics: identity-pool credentials for a signed-in user may put events to the Firehose stream."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from . import aws


@pytest.mark.analytics
def test_signed_in_user_puts_an_event_to_the_analytics_stream(target, alice) -> None:
    identity = aws.client(target, "cognito-identity")
    logins = {f"cognito-idp.{target.region}.amazonaws.com/{target.user_pool_id}": alice.user.tokens.id_token}
    identity_id = identity.get_id(IdentityPoolId=target.identity_pool_id, Logins=logins)["IdentityId"]
    issued = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    credentials = aws.AwsCredentials(issued["AccessKeyId"], issued["SecretKey"], issued["SessionToken"])

    event = {"name": "integration_test", "at": datetime.now(UTC).isoformat(), "user": alice.sub}
    firehose = aws.client(target, "firehose", credentials)
    put = firehose.put_record(
        DeliveryStreamName=target.analytics_stream, Record={"Data": (json.dumps(event) + "\n").encode()}
    )
    assert put["RecordId"]
