"""Event ids made in bulk (a bulk import's) are the random version-4 UUIDs `new_event_id` makes, all distinct."""
from __future__ import annotations

import uuid

from services.common.events import new_event_id, new_event_ids


def test_bulk_ids_are_version_4_uuids_written_as_new_event_id_writes_them() -> None:
    ids = new_event_ids(2000)
    assert len(ids) == 2000 and len(set(ids)) == 2000
    for event_id in ids:
        parsed = uuid.UUID(event_id)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == event_id
    assert len(new_event_id()) == len(ids[0])


def test_no_ids_for_no_events() -> None:
    assert new_event_ids(0) == []
