"""The canary's own journey code (backend/runtime/canary) against the suite's target: the sandbox in `make test`,
the deployed stage in the pipeline's post-deploy step. It signs in as a fresh test user, so it runs only where
test users may be created (like every test that needs one)."""

from __future__ import annotations

import json

from backend.runtime.canary.journey import STEPS, JourneyResult, JourneyTarget, run_journey

from . import aws
from .target import Target
from .users import CognitoUsers


def run_as(target: Target, email: str, password: str) -> JourneyResult:
    journey_target = JourneyTarget(
        target.graphql_url, target.user_pool_client_id, target.sandbox.ca_cert if target.sandbox else None
    )
    # The public sign-in API: unsigned on AWS, through the sandbox's Cognito front locally.
    endpoint = target.sandbox.cognito_idp_endpoint if target.sandbox else None
    return run_journey(journey_target, email, password, aws.client(target, "cognito-idp", None, endpoint_url=endpoint))


def test_the_canary_journey_passes_as_an_ordinary_user(target: Target, cognito_users: CognitoUsers) -> None:
    user = cognito_users.create()
    result = run_as(target, user.email, user.password)

    assert result.succeeded, json.dumps(result.summary())
    assert [timing.step for timing in result.steps] == list(STEPS)
    assert result.post_left_behind is None
    # Comfortably inside the deployed function's timeout, even from a CodeBuild host.
    assert result.duration_ms < 30_000, json.dumps(result.summary())


def test_a_wrong_password_fails_the_journey_at_sign_in(target: Target, cognito_users: CognitoUsers) -> None:
    user = cognito_users.create()
    wrong = user.password + "-not"
    result = run_as(target, user.email, wrong)

    assert not result.succeeded
    assert result.failed_step == "signIn"
    assert result.reason is not None and result.reason.startswith("NotAuthorizedException"), result.reason
    assert wrong not in json.dumps(result.summary()) and user.password not in json.dumps(result.summary())
