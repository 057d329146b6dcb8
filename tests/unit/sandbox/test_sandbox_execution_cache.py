"""Parsed and validated documents are reused across requests; the answers stay those of a fresh parse."""

from __future__ import annotations

from .test_sandbox_execution import caller, make_executor, run


def test_a_repeated_query_is_parsed_once_and_answers_alike():
    executor, recorder = make_executor()
    query = "query Q($id: ID!) { item(id: $id) { ...F name } } fragment F on Item { id owner { id } }"

    first = run(executor, query, caller(), {"id": "1"})
    second = run(executor, query, caller(), {"id": "2"})

    assert executor._parse_cached.cache_info().misses == 1
    assert executor._parse_cached.cache_info().hits == 1
    assert first["data"]["item"]["id"] == "1" and second["data"]["item"]["id"] == "2"
    # The events' selection lists come from the cached document; each event gets its own list.
    one, two = recorder.events
    assert one["info"]["selectionSetList"] == two["info"]["selectionSetList"] == ["id", "owner", "owner/id", "name"]
    assert one["info"]["selectionSetList"] is not two["info"]["selectionSetList"]
    assert one["info"]["selectionSetGraphQL"] == two["info"]["selectionSetGraphQL"]


def test_validation_errors_are_cached_and_callers_cannot_change_them():
    executor, recorder = make_executor()
    first = run(executor, "{ nope }", caller())
    first["errors"].clear()  # a caller changing its answer must not change the next one
    second = run(executor, "{ nope }", caller())

    assert executor._parse_cached.cache_info().hits == 1
    assert second["data"] is None and not recorder.events
    assert second["errors"][0]["message"].startswith("Validation error of type FieldUndefined:")


def test_the_cache_is_bounded():
    executor, _ = make_executor()
    assert executor._parse_cached.cache_info().maxsize is not None
