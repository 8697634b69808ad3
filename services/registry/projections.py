"""The registry's own read models, fed from its topic like any other consumer's."""
from __future__ import annotations

from fedstd.registry.v1 import events_pb2 as events
from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection
from services.common.readmodel import Put

GROUP_STANDARDS = "group_standards"


class RegistryViews(Projection):
    name = "registry.views"
    topics = (topic_for("registry"),)
    indexes = {GROUP_STANDARDS: [["league_code"], ["number"]]}

    def handlers(self):
        return {events.StandardPublished: self.standard_published}

    @staticmethod
    def standard_published(event: StoredEvent, message: events.StandardPublished) -> list[Put]:
        return [
            Put(
                GROUP_STANDARDS,
                event.stream_id,
                event.version,
                {
                    "number": message.number,
                    "org_code": message.org_code,
                    "title": message.title,
                    "league_code": message.league_code,
                    "state": "published",
                    "published_on": message.published_on,
                    "effective_on": message.effective_on,
                },
            )
        ]
