"""The event catalogue, the gRPC catalogue and the AsyncAPI document (scripts/gen_catalogue.py): current
with proto/, valid against the official AsyncAPI schema, and true to what the code writes."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator
from referencing import Registry

from services.common import protos
from services.common.bus import Delivery, Record
from services.common.bus.local import LocalBus
from services.common.cloudevents import REQUIRED_HEADERS, dead_letter_topic, topic_for
from services.common.config import SERVICES, Settings
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.common.runtime import ServiceContext, builder

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import gen_catalogue as catalogue  # noqa: E402
import schema_guard as guard  # noqa: E402

OUTPUTS = (catalogue.EVENTS_MD, catalogue.SERVICES_MD, catalogue.ASYNCAPI)


def asyncapi_validator(version: str) -> Draft7Validator:
    """The official JSON schema of that AsyncAPI version (npm package @asyncapi/specs), resolved offline."""
    schema = json.loads((guard.ensure_tools() / "@asyncapi" / "specs" / "schemas" / f"{version}.json").read_text())

    def refuse(uri: str):
        raise LookupError(f"the bundled schema should not need {uri}")

    return Draft7Validator(schema, registry=Registry(retrieve=refuse))


def local_refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from local_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from local_refs(value)


def assert_valid_asyncapi(document: dict) -> None:
    errors = sorted(asyncapi_validator(document["asyncapi"]).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:10])
    for ref in set(local_refs(document)):
        assert ref.startswith("#/"), ref
        node: object = document
        for part in ref[2:].split("/"):
            assert isinstance(node, dict) and part in node, f"{ref} points at nothing"
            node = node[part]


def test_catalogue_and_asyncapi_are_current(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_catalogue.py"), "--out", str(tmp_path)], check=True)
    stale = [str(p) for p in OUTPUTS if (tmp_path / p).read_text() != (ROOT / p).read_text()]
    assert not stale, f"stale (run .venv/bin/python scripts/gen_catalogue.py): {stale}"


def test_asyncapi_document_is_valid_against_the_official_schema() -> None:
    document = yaml.safe_load((ROOT / catalogue.ASYNCAPI).read_text())
    assert document["asyncapi"] == catalogue.ASYNCAPI_VERSION
    assert_valid_asyncapi(document)


def test_asyncapi_names_every_topic_and_covers_what_the_services_consume(tmp_path: Path) -> None:
    document = yaml.safe_load((ROOT / catalogue.ASYNCAPI).read_text())
    channels = {c["address"]: c for c in document["channels"].values()}
    topics = [topic_for(s) for s in SERVICES]
    assert set(channels) == {*topics, *map(dead_letter_topic, topics)}
    catalogued = {f"{address}.{name}" for address, c in channels.items() for name in c["messages"] if address in topics}
    assert all(protos.message_class(event_type) for event_type in catalogued)
    described = set(document["components"]["schemas"])  # the events and every type they use
    settings = Settings(data_dir=tmp_path)
    for service in SERVICES:
        context = ServiceContext(service, SqliteEventStore(tmp_path / f"{service}.events.db"),
                                 SqliteDocumentStore(tmp_path / f"{service}.views.db"), settings)
        for projection in builder(service)(context).projections:
            handled = {cls.DESCRIPTOR.full_name for cls in projection.handlers()}
            assert handled <= described, f"{projection.name} handles types the catalogue lacks: {handled - described}"
            assert handled & catalogued or not handled, f"{projection.name} handles no catalogued event"


def test_record_and_dead_letter_headers_are_the_ones_the_code_writes(tmp_path: Path) -> None:
    always, optional = catalogue.record_headers()
    assert set(REQUIRED_HEADERS) <= set(always) and {"ce_actor", "ce_correlationid"} <= set(optional)

    class NoHandlers(Projection):
        name = "catalogue-check"
        topics = ("fedstd.check.v1",)

        def handlers(self):
            return {}

    bus = LocalBus(tmp_path / "bus.db")
    ProjectionRunner(NoHandlers(), SqliteDocumentStore(tmp_path / "views.db"), bus).process(
        [Delivery(Record("fedstd.check.v1", "streams/1", b"not an event", {}), 0, 7)])
    dead = bus.consumer("reader", [dead_letter_topic("fedstd.check.v1")]).poll(1.0)
    assert len(dead) == 1 and set(dead[0].record.headers) == set(catalogue.DEAD_LETTER_HEADERS)
    assert dead[0].record.headers["dlq_offset"] == "7"


SYNTHETIC_EVENTS = """\
syntax = "proto3";

// Events of the widget service.
package fedstd.widget.v1;

import "google/protobuf/timestamp.proto";

// ---------------------------------------------------------------------------------------------
// Widgets. Stream: `widgets/{widget_id}`.

// How a widget is coloured.
enum Colour {
  // Not said.
  COLOUR_UNSPECIFIED = 0;
  COLOUR_RED = 1;
}

// A part of a widget.
message Part {
  string label = 1;
}

// A widget was made.
message WidgetMade {
  // `widgets/{widget_id}`.
  string widget = 1;
  repeated Part parts = 2;
  map<string, int32> counts = 3;
  oneof origin {
    // The factory's code.
    string factory = 4;
    string workshop = 5;
  }
  google.protobuf.Timestamp made_at = 6;
  Colour colour = 7;
}

// A widget was scrapped.
message WidgetScrapped {
  string widget = 1;
}
"""

SYNTHETIC_SERVICE = """\
syntax = "proto3";

// Queries of the widget service.
package fedstd.widget.v1;

import "fedstd/widget/v1/events.proto";

// Widgets and their parts.
service WidgetService {
  // Reads one widget.
  rpc GetWidget(GetWidgetRequest) returns (Widget);
  // The widget now, then after each change.
  rpc WatchWidget(WatchWidgetRequest) returns (stream Widget);
}

message Widget {
  string name = 1;
  repeated Part parts = 2;
}

message GetWidgetRequest {
  string name = 1;
}

message WatchWidgetRequest {
  string name = 1;
}
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict]:
    """The documents generated from a small proto tree written here, independent of fedstd's own."""
    root = tmp_path_factory.mktemp("synthetic")
    package = root / "proto" / "fedstd" / "widget" / "v1"
    package.mkdir(parents=True)
    (package / "events.proto").write_text(SYNTHETIC_EVENTS)
    (package / "widget_service.proto").write_text(SYNTHETIC_SERVICE)
    catalogue.generate(root / "out", root / "proto")
    out = root / "out"
    return ((out / catalogue.EVENTS_MD).read_text(), (out / catalogue.SERVICES_MD).read_text(),
            yaml.safe_load((out / catalogue.ASYNCAPI).read_text()))


def test_events_are_the_messages_no_other_embeds_and_comments_become_meanings(synthetic) -> None:
    events, _, _ = synthetic
    assert "| [`fedstd.widget.v1`](#topic-fedstd.widget.v1) | widget | `/fedstd/widget` | 2 | `fedstd.widget.v1.deadletter` |" in events
    assert "### WidgetMade" in events and "### WidgetScrapped" in events
    assert "### Part" not in events and "#### message Part" in events and "#### enum Colour" in events
    section = events.index("Widgets. Stream: `widgets/{widget_id}`.")
    assert "-----" not in events and section < events.index("### WidgetMade")
    assert "Events of the widget service." in events and "A widget was made." in events
    assert "| `widget` | 1 | string | `widgets/{widget_id}`. |" in events
    assert "| `parts` | 2 | repeated [Part](#fedstd.widget.v1.Part) |  |" in events
    assert "| `counts` | 3 | map<string, int32> |  |" in events
    assert "| `factory` | 4 | string | One of `origin`. The factory's code. |" in events
    assert "`google.protobuf.Timestamp` (an RFC 3339 time)" in events
    assert "| `COLOUR_UNSPECIFIED` | 0 | Not said. |" in events
    for header in ("ce_id", "ce_type", "ce_subject", "ce_streamversion", "dlq_reason"):
        assert f"| `{header}` |" in events


def test_services_catalogue_lists_methods_and_links_event_types(synthetic) -> None:
    _, services, _ = synthetic
    assert "| [`fedstd.widget.v1.WidgetService`](#fedstd.widget.v1.WidgetService) | 2 |" in services
    assert ("| `WatchWidget` | [WatchWidgetRequest](#fedstd.widget.v1.WatchWidgetRequest) | "
            "stream [Widget](#fedstd.widget.v1.Widget) | The widget now, then after each change. |") in services
    assert "| `parts` | 2 | repeated [Part](events.md#fedstd.widget.v1.Part) |  |" in services


def test_asyncapi_of_the_synthetic_tree_is_valid_and_typed(synthetic) -> None:
    _, _, document = synthetic
    assert_valid_asyncapi(document)
    channel = document["channels"]["widget_v1"]
    assert channel["address"] == "fedstd.widget.v1" and set(channel["messages"]) == {"WidgetMade", "WidgetScrapped"}
    assert document["channels"]["widget_v1_deadletter"]["address"] == "fedstd.widget.v1.deadletter"
    message = document["components"]["messages"]["fedstd.widget.v1.WidgetMade"]
    assert message["contentType"] == "application/protobuf"
    assert message["headers"]["allOf"][1]["properties"]["ce_type"] == {"const": "fedstd.widget.v1.WidgetMade"}
    schema = document["components"]["schemas"]["fedstd.widget.v1.WidgetMade"]
    properties = schema["properties"]
    assert [p["x-protobuf-field-number"] for p in properties.values()] == [1, 2, 3, 4, 5, 6, 7]
    assert properties["parts"]["items"] == {"$ref": "#/components/schemas/fedstd.widget.v1.Part"}
    assert properties["counts"]["additionalProperties"] == {"type": "integer", "format": "int32"}
    assert properties["made_at"]["format"] == "date-time"
    assert document["components"]["schemas"]["fedstd.widget.v1.Colour"]["enum"] == ["COLOUR_UNSPECIFIED", "COLOUR_RED"]
    assert schema["description"] == "A widget was made."
