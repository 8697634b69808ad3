"""The contract every read-model adapter keeps. Adapter tests inherit `DocumentStoreContract`."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from services.common.readmodel import DocumentStore, Put

C = "items"


def body(document: dict[str, Any] | None) -> dict[str, Any] | None:
    """The document without its bookkeeping fields."""
    if document is None:
        return None
    return {k: v for k, v in document.items() if k not in ("_key", "_version")}


def keys(documents: list[dict[str, Any]]) -> list[str]:
    return [d["_key"] for d in documents]


class DocumentStoreContract:
    """Subclasses provide `make_store`, a factory of stores that share one backing database."""

    make_store: Callable[[], DocumentStore]

    @pytest.fixture
    def store(self) -> Iterator[DocumentStore]:
        store = self.make_store()
        yield store
        store.close()

    @pytest.fixture
    def catalogue(self, store: DocumentStore) -> DocumentStore:
        """Six documents with a number, a status and a group to query."""
        store.apply(
            [
                Put(C, "d1", 1, {"n": 1, "status": "draft", "group": "a"}),
                Put(C, "d2", 1, {"n": 2, "status": "published", "group": "a"}),
                Put(C, "d3", 1, {"n": 3, "status": "published", "group": "b"}),
                Put(C, "d4", 1, {"n": 4, "status": "withdrawn", "group": "b"}),
                Put(C, "d5", 1, {"n": 5, "status": "published", "group": "a"}),
                Put(C, "d6", 1, {"n": 6, "status": "draft", "group": "c"}),
            ]
        )
        return store

    # -- writing ------------------------------------------------------------

    def test_apply_creates_documents_and_get_returns_them(self, store: DocumentStore) -> None:
        changed = store.apply([Put(C, "k1", 1, {"title": "one", "n": 1}), Put(C, "k2", 3, {"title": "two"})])
        assert changed == 2
        assert store.get(C, "k1") == {"title": "one", "n": 1, "_key": "k1", "_version": 1}
        assert store.get(C, "k2") == {"title": "two", "_key": "k2", "_version": 3}
        assert store.get(C, "missing") is None
        assert store.get("other", "k1") is None
        assert store.apply([]) == 0

    def test_get_many_answers_each_key_as_get_does(self, store: DocumentStore) -> None:
        store.apply([Put(C, "k1", 1, {"title": "one"}), Put(C, "k2", 3, {"title": "two"}), Put("other", "k3", 1, {})])
        assert store.get_many(C, ["k2", "missing", "k1", "k3"]) == {
            "k1": store.get(C, "k1"), "k2": store.get(C, "k2"), "missing": None, "k3": None}
        assert store.get_many(C, []) == {}

    def test_newer_version_updates_and_keeps_other_fields(self, store: DocumentStore) -> None:
        store.apply([Put(C, "k", 1, {"a": 1, "b": "x"})])
        assert store.apply([Put(C, "k", 2, {"b": "y", "c": True})]) == 1
        assert store.get(C, "k") == {"a": 1, "b": "y", "c": True, "_key": "k", "_version": 2}

    def test_stale_or_redelivered_change_is_ignored(self, store: DocumentStore) -> None:
        store.apply([Put(C, "k", 5, {"a": 1})])
        assert store.apply([Put(C, "k", 5, {"a": 1})]) == 0  # redelivery
        assert store.apply([Put(C, "k", 5, {"a": 2})]) == 0  # same version, other fields
        assert store.apply([Put(C, "k", 3, {"a": 3, "b": 1})]) == 0  # older
        assert store.get(C, "k") == {"a": 1, "_key": "k", "_version": 5}

    def test_batch_with_several_versions_of_one_key_equals_applying_in_order(self, store: DocumentStore) -> None:
        batch = [
            Put(C, "k", 2, {"b": "second", "c": "second"}),
            Put(C, "k", 1, {"a": "first", "b": "first"}),
            Put(C, "k", 3, {"c": "third"}),
        ]
        assert store.apply(batch) == 1
        assert store.get(C, "k") == {"a": "first", "b": "second", "c": "third", "_key": "k", "_version": 3}
        # Applying the same changes one by one, in version order, gives the same document.
        for change in sorted(batch, key=lambda c: c.version):
            store.apply([Put(C, "one-by-one", change.version, change.fields)])
        assert body(store.get(C, "one-by-one")) == body(store.get(C, "k"))
        assert store.get(C, "one-by-one")["_version"] == 3
        # Redelivering the whole batch changes nothing.
        assert store.apply(batch) == 0
        assert store.get(C, "k")["_version"] == 3

    def test_batch_mixing_stale_and_fresh_changes(self, store: DocumentStore) -> None:
        store.apply([Put(C, "old", 4, {"v": "stored"}), Put(C, "mid", 2, {"v": "stored"})])
        changed = store.apply(
            [
                Put(C, "old", 3, {"v": "stale", "extra": 1}),  # older than stored: ignored
                Put(C, "old", 4, {"v": "again"}),  # equal to stored: ignored
                Put(C, "mid", 2, {"v": "again"}),  # equal: ignored
                Put(C, "mid", 3, {"w": "fresh"}),  # newer: applied
                Put(C, "new", 1, {"v": "created"}),  # new document
            ]
        )
        assert changed == 2
        assert store.get(C, "old") == {"v": "stored", "_key": "old", "_version": 4}
        assert store.get(C, "mid") == {"v": "stored", "w": "fresh", "_key": "mid", "_version": 3}
        assert store.get(C, "new") == {"v": "created", "_key": "new", "_version": 1}

    def test_batch_spanning_collections(self, store: DocumentStore) -> None:
        assert store.apply([Put(C, "k", 1, {"a": 1}), Put("others", "k", 1, {"b": 2})]) == 2
        assert body(store.get(C, "k")) == {"a": 1}
        assert body(store.get("others", "k")) == {"b": 2}

    def test_none_removes_a_field(self, store: DocumentStore) -> None:
        store.apply([Put(C, "k", 1, {"a": 1, "b": 2})])
        assert store.apply([Put(C, "k", 2, {"a": None, "c": 3})]) == 1
        assert store.get(C, "k") == {"b": 2, "c": 3, "_key": "k", "_version": 2}
        # On a new document a None field is simply absent, also when folded in one batch.
        store.apply([Put(C, "fresh", 1, {"x": None, "y": 1})])
        assert store.get(C, "fresh") == {"y": 1, "_key": "fresh", "_version": 1}
        store.apply([Put(C, "folded", 1, {"x": 1, "y": 1}), Put(C, "folded", 2, {"x": None})])
        assert store.get(C, "folded") == {"y": 1, "_key": "folded", "_version": 2}
        # A removed field no longer matches queries on it.
        assert store.count(C, {"a": 1}) == 0
        assert keys(store.find(C, {"y": 1})) == ["folded", "fresh"]

    def test_unicode_values_round_trip(self, store: DocumentStore) -> None:
        fields = {"name": "中国团体标准", "unit": "中国标准化协会", "note": "ünïcödé ✓ 🚀"}
        store.apply([Put(C, "标准/1", 1, fields)])
        assert body(store.get(C, "标准/1")) == fields
        assert keys(store.find(C, {"name": "中国团体标准"})) == ["标准/1"]
        assert store.count(C, {"unit": {"$in": ["中国标准化协会", "其他"]}}) == 1

    def test_nested_values_round_trip_and_are_replaced_whole(self, store: DocumentStore) -> None:
        nested = {"scores": {"quality": 4.5, "brand": {"level": "五星", "rank": 1}}, "tags": ["a", "b"], "empty": {}}
        store.apply([Put(C, "k", 1, nested)])
        assert body(store.get(C, "k")) == nested
        # Setting a field replaces its value whole, as $set does: no deep merge.
        store.apply([Put(C, "k", 2, {"scores": {"quality": 3}, "tags": ["c"]})])
        assert body(store.get(C, "k")) == {"scores": {"quality": 3}, "tags": ["c"], "empty": {}}

    # -- querying -----------------------------------------------------------

    def test_find_equality(self, catalogue: DocumentStore) -> None:
        assert keys(catalogue.find(C, {"status": "published"})) == ["d2", "d3", "d5"]
        assert keys(catalogue.find(C, {"n": 4})) == ["d4"]
        assert keys(catalogue.find(C, {"status": "nonexistent"})) == []
        everything = catalogue.find(C)
        assert keys(everything) == ["d1", "d2", "d3", "d4", "d5", "d6"]
        assert all(d["_version"] == 1 for d in everything)
        assert everything[0] == {"n": 1, "status": "draft", "group": "a", "_key": "d1", "_version": 1}
        assert keys(catalogue.find(C, {})) == keys(everything)

    @pytest.mark.parametrize(
        ("condition", "expected"),
        [
            ({"$gte": 4}, ["d4", "d5", "d6"]),
            ({"$gt": 4}, ["d5", "d6"]),
            ({"$lte": 2}, ["d1", "d2"]),
            ({"$lt": 2}, ["d1"]),
            ({"$ne": 3}, ["d1", "d2", "d4", "d5", "d6"]),
            ({"$in": [1, 3, 6, 99]}, ["d1", "d3", "d6"]),
            ({"$in": []}, []),
            ({"$gte": 2, "$lt": 5}, ["d2", "d3", "d4"]),
        ],
    )
    def test_find_operators(self, catalogue: DocumentStore, condition: dict, expected: list[str]) -> None:
        assert keys(catalogue.find(C, {"n": condition})) == expected
        assert catalogue.count(C, {"n": condition}) == len(expected)

    def test_string_operators(self, catalogue: DocumentStore) -> None:
        assert keys(catalogue.find(C, {"status": {"$in": ["draft", "withdrawn"]}})) == ["d1", "d4", "d6"]
        assert keys(catalogue.find(C, {"status": {"$ne": "published"}})) == ["d1", "d4", "d6"]
        assert keys(catalogue.find(C, {"group": {"$gt": "a"}})) == ["d3", "d4", "d6"]

    def test_ne_matches_documents_without_the_field(self, catalogue: DocumentStore) -> None:
        catalogue.apply([Put(C, "d7", 1, {"n": 7})])  # no status
        assert keys(catalogue.find(C, {"status": {"$ne": "published"}})) == ["d1", "d4", "d6", "d7"]
        assert catalogue.count(C, {"status": {"$ne": "draft"}}) == 5

    def test_combined_conditions_are_anded(self, catalogue: DocumentStore) -> None:
        assert keys(catalogue.find(C, {"status": "published", "group": "a"})) == ["d2", "d5"]
        assert keys(catalogue.find(C, {"status": "published", "n": {"$gt": 2}})) == ["d3", "d5"]
        assert keys(catalogue.find(C, {"group": {"$in": ["a", "b"]}, "n": {"$lte": 4}, "status": {"$ne": "draft"}})) == [
            "d2",
            "d3",
            "d4",
        ]
        assert catalogue.find(C, {"status": "draft", "group": "b"}) == []

    def test_keyset_paging_visits_every_document_once_in_key_order(self, store: DocumentStore) -> None:
        all_keys = [f"k{i:03d}" for i in range(37)] + ["A", "Z", "é", "中", "k/1", "k-2"]
        store.apply([Put(C, key, 1, {"i": index, "even": index % 2 == 0}) for index, key in enumerate(all_keys)])
        for where, expected in [
            (None, sorted(all_keys)),
            ({"i": {"$gte": 10}}, sorted(all_keys[10:])),
            ({"even": True}, sorted(all_keys[::2])),
        ]:
            seen: list[str] = []
            after, pages = "", 0
            while page := store.find(C, where, after_key=after, limit=5):
                assert len(page) <= 5
                seen.extend(keys(page))
                after = page[-1]["_key"]
                pages += 1
            assert seen == expected  # key order, nothing missed
            assert len(seen) == len(set(seen))  # no duplicates
            assert pages == -(-len(expected) // 5)
        assert keys(store.find(C, after_key="k035", limit=100)) == ["k036", "é", "中"]
        assert keys(store.find(C, limit=3)) == sorted(all_keys)[:3]

    def test_count_with_filters(self, catalogue: DocumentStore) -> None:
        assert catalogue.count(C) == 6
        assert catalogue.count(C, {}) == 6
        assert catalogue.count(C, {"status": "published"}) == 3
        assert catalogue.count(C, {"status": "published", "group": "a"}) == 2
        assert catalogue.count(C, {"n": {"$gt": 2, "$lte": 5}}) == 3
        assert catalogue.count(C, {"status": "gone"}) == 0
        assert catalogue.count("empty") == 0

    def test_ensure_index_is_idempotent_and_queries_still_work(self, catalogue: DocumentStore) -> None:
        for _ in range(2):
            catalogue.ensure_index(C, ["status"])
            catalogue.ensure_index(C, ["group", "n"])
        catalogue.ensure_index("not_yet_written", ["status"])
        assert keys(catalogue.find(C, {"status": "published"})) == ["d2", "d3", "d5"]
        assert keys(catalogue.find(C, {"group": "a", "n": {"$gte": 2}})) == ["d2", "d5"]
        assert catalogue.count(C, {"group": "b"}) == 2
        catalogue.apply([Put(C, "d7", 1, {"status": "published", "group": "a", "n": 7})])
        assert keys(catalogue.find(C, {"status": "published"}, after_key="d3")) == ["d5", "d7"]

    def test_drop_collections_empties_them(self, catalogue: DocumentStore) -> None:
        catalogue.apply([Put("kept", "k", 1, {"a": 1})])
        catalogue.drop_collections([C, "never_written"])
        assert catalogue.find(C) == []
        assert catalogue.count(C) == 0
        assert catalogue.get(C, "d1") is None
        assert body(catalogue.get("kept", "k")) == {"a": 1}
        # A rebuild writes from version 1 again.
        assert catalogue.apply([Put(C, "d1", 1, {"n": 1})]) == 1
        assert catalogue.get(C, "d1") == {"n": 1, "_key": "d1", "_version": 1}

    def test_stores_on_one_database_see_each_others_writes(self, store: DocumentStore) -> None:
        other = self.make_store()
        try:
            store.apply([Put(C, "k", 2, {"a": 1})])
            assert other.apply([Put(C, "k", 1, {"a": "stale"})]) == 0
            assert other.apply([Put(C, "k", 3, {"b": 2})]) == 1
            assert store.get(C, "k") == {"a": 1, "b": 2, "_key": "k", "_version": 3}
        finally:
            other.close()

    # -- change feed --------------------------------------------------------

    def test_changed_returns_the_documents_written_after_a_watermark(self, store: DocumentStore) -> None:
        start = store.stamp()
        store.apply([Put(C, "a", 1, {"n": 1}), Put(C, "b", 1, {"n": 2}), Put("others", "x", 1, {"n": 0})])
        first = store.stamp()
        assert first > start
        assert keys(store.changed(C, start)) == ["a", "b"]
        assert store.changed(C, start)[0] == {"n": 1, "_key": "a", "_version": 1}
        assert keys(store.changed("others", start)) == ["x"]
        assert store.changed(C, first) == []
        store.apply([Put(C, "b", 2, {"n": 3}), Put(C, "c", 1, {"n": 4})])
        second = store.stamp()
        assert second > first
        assert [(d["_key"], d["n"]) for d in store.changed(C, first)] == [("b", 3), ("c", 4)]
        # A redelivered or stale change writes nothing, so it reports nothing as changed.
        store.apply([Put(C, "a", 1, {"n": 1}), Put(C, "c", 1, {"n": 99})])
        assert store.changed(C, second) == []
        assert store.get(C, "c")["n"] == 4

    def test_changed_pages_by_key(self, store: DocumentStore) -> None:
        since = store.stamp()
        store.apply([Put(C, f"k{i:02d}", 1, {"i": i}) for i in range(12)])
        seen, after = [], ""
        while page := store.changed(C, since, after_key=after, limit=5):
            seen.extend(keys(page))
            after = page[-1]["_key"]
        assert seen == [f"k{i:02d}" for i in range(12)]

    def test_another_store_on_the_database_follows_the_writes(self, store: DocumentStore) -> None:
        follower = self.make_store()
        try:
            since = follower.stamp()
            store.apply([Put(C, "k", 1, {"a": 1})])
            assert follower.stamp() > since
            assert keys(follower.changed(C, since)) == ["k"]
        finally:
            follower.close()

    def test_a_rebuilt_collection_takes_indexes_after_the_load(self, catalogue: DocumentStore) -> None:
        catalogue.ensure_index(C, ["status"])
        catalogue.drop_collections([C])
        since = catalogue.stamp()
        catalogue.apply([Put(C, "d1", 1, {"status": "draft"}), Put(C, "d2", 1, {"status": "published"})])
        catalogue.ensure_index(C, ["status"])
        assert keys(catalogue.find(C, {"status": "published"})) == ["d2"]
        assert keys(catalogue.changed(C, since)) == ["d1", "d2"]

    # -- readers beside a writer --------------------------------------------

    def test_a_reader_never_finds_a_collection_missing_while_a_writer_creates_or_empties_it(self, store: DocumentStore) -> None:
        """A read beside the first write to a collection, or beside its emptying for a rebuild, answers; it never fails."""
        collections = [f"fresh_{i}" for i in range(60)]
        failures: list[BaseException] = []
        done = threading.Event()

        def read() -> None:
            while not done.is_set():
                for collection in collections:
                    try:
                        store.get(collection, "k")
                        store.count(collection)
                    except BaseException as error:  # noqa: BLE001 - the failure is the finding
                        failures.append(error)
                        return

        readers = [threading.Thread(target=read) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            for collection in collections:
                store.apply([Put(collection, "k", 1, {"n": 1})])
                store.drop_collections([collection])
                store.apply([Put(collection, "k", 1, {"n": 2})])
        finally:
            done.set()
            for reader in readers:
                reader.join()
        assert failures == []
        assert [body(store.get(collection, "k")) for collection in collections] == [{"n": 2}] * len(collections)
