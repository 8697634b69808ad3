"""newest_per_document: the pure fold every read-model store applies a batch with."""
from __future__ import annotations

from services.common.readmodel import Put
from services.common.readmodel.base import newest_per_document


def _by_document(changes: list[Put]) -> dict[tuple[str, str], Put]:
    result = {(c.collection, c.key): c for c in changes}
    assert len(result) == len(changes), "at most one change per document"
    return result


def test_an_empty_batch_yields_nothing() -> None:
    assert newest_per_document([], {}) == []
    assert newest_per_document([], {("c", "k"): 3}) == []


def test_a_new_document_passes_unchanged() -> None:
    change = Put("standards", "s1", 1, {"league_code": "150100"})
    assert newest_per_document([change], {}) == [change]


def test_changes_at_or_below_the_stored_version_are_dropped() -> None:
    changes = [Put("c", "k", 1, {"a": 1}), Put("c", "k", 2, {"b": 2}), Put("c", "k", 3, {"c": 3})]
    assert newest_per_document(changes, {("c", "k"): 3}) == []
    assert newest_per_document(changes, {("c", "k"): 9}) == []
    assert newest_per_document(changes, {("c", "k"): 2}) == [Put("c", "k", 3, {"c": 3})]


def test_versions_fold_in_version_order_whatever_the_batch_order() -> None:
    changes = [
        Put("c", "k", 3, {"state": "third", "z": 3}),
        Put("c", "k", 1, {"state": "first", "a": 1, "z": 1}),
        Put("c", "k", 2, {"state": "second", "b": 2}),
    ]
    assert newest_per_document(changes, {}) == [Put("c", "k", 3, {"state": "third", "a": 1, "b": 2, "z": 3})]
    # A stored version 1 removes the first change from the fold, fields and all.
    assert newest_per_document(changes, {("c", "k"): 1}) == [Put("c", "k", 3, {"state": "third", "b": 2, "z": 3})]


def test_the_fold_equals_applying_changes_one_by_one() -> None:
    changes = [Put("c", "k", v, {"v": v, f"f{v % 3}": v}) for v in (5, 2, 4, 1, 3)]
    document: dict = {}
    for change in sorted(changes, key=lambda c: c.version):
        document.update(change.fields)
    (merged,) = newest_per_document(changes, {})
    assert merged.version == 5
    assert dict(merged.fields) == document


def test_a_redelivered_duplicate_inside_a_batch_changes_nothing() -> None:
    change = Put("c", "k", 2, {"a": 1})
    assert newest_per_document([change, change], {("c", "k"): 1}) == [change]


def test_nested_values_are_replaced_whole_not_merged() -> None:
    changes = [Put("c", "k", 1, {"result": {"a": 1, "b": 2}}), Put("c", "k", 2, {"result": {"a": 3}})]
    (merged,) = newest_per_document(changes, {})
    assert merged.fields == {"result": {"a": 3}}


def test_keys_are_independent_per_collection() -> None:
    changes = [
        Put("brand_evaluations", "k", 1, {"x": 1}),
        Put("latest_brand_evaluation", "k", 1, {"y": 1}),
        Put("latest_brand_evaluation", "k", 2, {"y": 2}),
        Put("brand_evaluations", "other", 5, {"z": 5}),
    ]
    stored = {("brand_evaluations", "k"): 1}  # same key, other collection: not a guard for the second
    result = _by_document(newest_per_document(changes, stored))
    assert result == {
        ("latest_brand_evaluation", "k"): Put("latest_brand_evaluation", "k", 2, {"y": 2}),
        ("brand_evaluations", "other"): Put("brand_evaluations", "other", 5, {"z": 5}),
    }


def test_the_input_changes_are_not_mutated() -> None:
    first_fields = {"a": 1}
    changes = [Put("c", "k", 1, first_fields), Put("c", "k", 2, {"b": 2})]
    newest_per_document(changes, {})
    assert first_fields == {"a": 1}
    assert changes[0] == Put("c", "k", 1, {"a": 1})
