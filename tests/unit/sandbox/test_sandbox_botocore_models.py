"""Service models are parsed once per process: every botocore session and moto share one data loader."""

from __future__ import annotations

import botocore.session
import moto.core.utils

from sandbox.moto_host import botocore_models


def test_sessions_and_moto_share_one_loader_and_its_parsed_models():
    botocore_models.install()
    first, second = botocore.session.Session(), botocore.session.Session()

    loader = first.get_component("data_loader")
    assert second.get_component("data_loader") is loader
    assert moto.core.utils.create_loader() is loader
    assert first.get_service_data("dynamodb") is second.get_service_data("dynamodb")
    # A client made from either session works off the same model.
    client = second.create_client(
        "dynamodb", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    assert "GetItem" in client.meta.service_model.operation_names
