"""Registry aggregates: who takes part in the plan and which standards exist."""
from __future__ import annotations

from fedstd.registry.v1 import events_pb2 as events
from services.common.aggregate import Aggregate
from services.common.errors import AlreadyExistsError


def group_standard_name(org_code: str, sequence: int, year: int) -> str:
    return f"chambers/{org_code}/groupStandards/{sequence}-{year}"


def group_standard_number(org_code: str, sequence: int, year: int) -> str:
    """`T/<org> NNN—YYYY`, with the em dash of the printed numbers."""
    return f"T/{org_code} {sequence}—{year}"


class GroupStandard(Aggregate):
    """A chamber's group standard (团体标准)."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.published: events.StandardPublished | None = None

    def publish(
        self, org_code: str, sequence: int, year: int, title: str, league_code: str, published_on: str, effective_on: str
    ) -> None:
        if self.published is not None:
            raise AlreadyExistsError(f"{self.published.number} is already published")
        self._trigger(
            events.StandardPublished(
                group_standard=self.stream_id,
                number=group_standard_number(org_code, sequence, year),
                org_code=org_code,
                title=title,
                league_code=league_code,
                published_on=published_on,
                effective_on=effective_on or published_on,
            )
        )

    def apply_StandardPublished(self, event: events.StandardPublished) -> None:
        self.published = event
