"""Generate the partner contract documents from proto/: the event catalogue, the gRPC catalogue and
the AsyncAPI document of the topics.

Everything comes from the compiled descriptors (with their source info, so the comments in the
.proto files become the meanings) and from the code that writes records (`services.common.cloudevents`);
nothing here names a message. The files are committed; `--out DIR` writes them into DIR instead, for
the test that fails when they are stale.

Conventions read from the descriptors:
- the events of a service are the top-level messages of `fedstd/<service>/<version>/events.proto` that
  no message of that file embeds (embedded ones are the types events use);
- an events file's package `fedstd.<service>.<version>` is also its topic;
- a comment block that is detached from the next element (a section comment) introduces the events
  that follow it.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import yaml
from google.protobuf import descriptor_pb2
from grpc_tools import protoc

from services.common.cloudevents import CONTENT_TYPE, dead_letter_topic, source_for, to_record
from services.common.events import Metadata, StoredEvent

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
EVENTS_MD = Path("docs/catalogue/events.md")
SERVICES_MD = Path("docs/catalogue/services.md")
ASYNCAPI = Path("docs/asyncapi.yaml")
ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING_VERSION = "0.5.0"
KAFKA_MESSAGE_BINDINGS = {"kafka": {
    "key": {"type": "string", "description": "The stream id: the resource name of the aggregate (equal to `ce_subject`)."},
    "bindingVersion": KAFKA_BINDING_VERSION}}

FieldType = descriptor_pb2.FieldDescriptorProto
EVENTS_FILE = re.compile(r"^fedstd/(?P<service>[a-z_]+)/(?P<version>v\d+)/events\.proto$")

#: What each record header means. The headers themselves come from `to_record`; a header it writes
#: that has no entry here stops the generator, so the catalogue cannot fall behind the code.
HEADER_MEANINGS = {
    "ce_specversion": "CloudEvents version: `1.0`.",
    "ce_id": "The event's unique id (a UUID). A redelivered record carries the same id: deduplicate on it.",
    "ce_source": "The publishing service: `/fedstd/<service>`.",
    "ce_type": "The full protobuf message name of the value, e.g. `fedstd.<service>.v1.<Event>`: decode the value as that message.",
    "ce_time": "When the event occurred (RFC 3339, UTC).",
    "ce_subject": "The stream id: the resource name of the aggregate the event belongs to; equal to the record key.",
    "ce_dataschema": "`urn:fedstd:proto:<full message name>`.",
    "content-type": f"`{CONTENT_TYPE}`: the value is the serialized protobuf message (CloudEvents binary mode).",
    "ce_sequence": "The event's position in its service's event store: increases with every event the service stores.",
    "ce_streamversion": "The event's version within its stream: 1 for the stream's first event, then 2, 3, ...",
    "ce_correlationid": "When known: the id of the request the event ultimately stems from.",
    "ce_causationid": "When known: the id of the request or event that directly caused it.",
    "ce_actor": "When known: who made the request (the caller's subject).",
}

#: Headers the projections add when they copy a record to a dead-letter topic (checked by a test
#: against `ProjectionRunner`).
DEAD_LETTER_HEADERS = {
    "dlq_reason": "Why the record could not be applied (see below).",
    "dlq_group": "The consumer group (projection) that gave up on it.",
    "dlq_topic": "The topic the record was read from.",
    "dlq_partition": "Its partition there.",
    "dlq_offset": "Its offset there.",
}

DEAD_LETTER_REASONS = (
    "the record is not a fedstd event: a required header is missing or empty, `ce_specversion` is not "
    "`1.0`, `content-type` is not `application/protobuf`, `ce_subject` differs from the key, "
    "`ce_sequence`, `ce_streamversion` or `ce_time` does not parse, `ce_type` is not a known fedstd event, "
    "or the value does not parse as `ce_type`;",
    "a projection's handler failed on the event (`handler failed: ...`).",
)

#: Well-known types by the protobuf JSON mapping, which is how `fedstd events tail` prints them.
WELL_KNOWN = {
    "google.protobuf.Timestamp": ({"type": "string", "format": "date-time"}, "an RFC 3339 time"),
    "google.protobuf.Duration": ({"type": "string", "pattern": r"^-?\d+(\.\d+)?s$"}, "a duration such as `1.5s`"),
    "google.protobuf.Empty": ({"type": "object"}, "nothing"),
    "google.protobuf.Struct": ({"type": "object"}, "a JSON object"),
    "google.protobuf.FieldMask": ({"type": "string"}, "comma-separated field paths"),
}

SCALAR_SCHEMAS = {
    FieldType.TYPE_STRING: {"type": "string"},
    FieldType.TYPE_BOOL: {"type": "boolean"},
    FieldType.TYPE_BYTES: {"type": "string", "contentEncoding": "base64"},
    FieldType.TYPE_DOUBLE: {"type": "number", "format": "double"},
    FieldType.TYPE_FLOAT: {"type": "number", "format": "float"},
    **{t: {"type": "integer", "format": "int32"} for t in (FieldType.TYPE_INT32, FieldType.TYPE_SINT32, FieldType.TYPE_SFIXED32)},
    **{t: {"type": "integer", "format": "uint32", "minimum": 0} for t in (FieldType.TYPE_UINT32, FieldType.TYPE_FIXED32)},
    **{t: {"type": "integer", "format": "int64"} for t in (FieldType.TYPE_INT64, FieldType.TYPE_SINT64, FieldType.TYPE_SFIXED64)},
    **{t: {"type": "integer", "format": "uint64", "minimum": 0} for t in (FieldType.TYPE_UINT64, FieldType.TYPE_FIXED64)},
}


# ------------------------------------------------------------------------------------------------
# The model: every message, enum and service of proto/ with its comments.


@dataclass(frozen=True)
class Comment:
    leading: str = ""
    trailing: str = ""
    detached: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(part for part in (self.leading, self.trailing) if part)


@dataclass
class Element:
    """A message, enum or service, with where it is defined and its comment."""

    full_name: str
    file: str
    proto: descriptor_pb2.DescriptorProto | descriptor_pb2.EnumDescriptorProto | descriptor_pb2.ServiceDescriptorProto
    comment: Comment
    line: int
    #: Comments of the members (fields, values, methods), by member name.
    members: dict[str, Comment] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.full_name.rsplit(".", 1)[-1]

    @property
    def is_message(self) -> bool:
        return isinstance(self.proto, descriptor_pb2.DescriptorProto)


def _clean(comment: str) -> str:
    """Comment text without the leading space of each line and without separator lines."""
    lines = [line[1:] if line.startswith(" ") else line for line in comment.strip("\n").split("\n")]
    lines = [line.rstrip() for line in lines if not re.fullmatch(r"\s*[-=*/]{3,}\s*", line)]
    return "\n".join(lines).strip()


class Model:
    """The descriptors of proto/ (and the well-known types they import), indexed by full name."""

    def __init__(self, files: Iterable[descriptor_pb2.FileDescriptorProto], own_files: set[str]):
        self.files = {f.name: f for f in files}
        self.own_files = own_files
        self.elements: dict[str, Element] = {}
        self.file_comments: dict[str, str] = {}
        for file in self.files.values():
            self._index_file(file)

    @classmethod
    def load(cls, proto_dir: Path = PROTO_DIR) -> "Model":
        """Compiles proto_dir with protoc (grpc_tools), keeping the source info that holds the comments."""
        sources = sorted(str(p.relative_to(proto_dir)) for p in proto_dir.rglob("*.proto"))
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "descriptors.pb"
            args = ["grpc_tools.protoc", f"-I{proto_dir}", f"-I{resources.files('grpc_tools') / '_proto'}",
                    f"--descriptor_set_out={out}", "--include_source_info", "--include_imports", *sources]
            if protoc.main(args) != 0:
                raise SystemExit("protoc failed")
            descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
        return cls(descriptor_set.file, set(sources))

    def _index_file(self, file: descriptor_pb2.FileDescriptorProto) -> None:
        locations = {tuple(loc.path): loc for loc in file.source_code_info.location}

        def comment(path: tuple[int, ...]) -> Comment:
            loc = locations.get(path)
            if loc is None:
                return Comment()
            return Comment(_clean(loc.leading_comments), _clean(loc.trailing_comments),
                           tuple(c for c in (_clean(d) for d in loc.leading_detached_comments) if c))

        def line(path: tuple[int, ...]) -> int:
            loc = locations.get(path)
            return loc.span[0] if loc is not None else 0

        def add(full_name: str, proto, path: tuple[int, ...], members: dict[str, Comment]) -> None:
            self.elements[full_name] = Element(full_name, file.name, proto, comment(path), line(path), members)

        def enum(proto: descriptor_pb2.EnumDescriptorProto, prefix: str, path: tuple[int, ...]) -> None:
            add(f"{prefix}.{proto.name}", proto, path, {v.name: comment((*path, 2, i)) for i, v in enumerate(proto.value)})

        def message(proto: descriptor_pb2.DescriptorProto, prefix: str, path: tuple[int, ...]) -> None:
            full_name = f"{prefix}.{proto.name}"
            members = {f.name: comment((*path, 2, i)) for i, f in enumerate(proto.field)}
            members |= {f"oneof {o.name}": comment((*path, 8, i)) for i, o in enumerate(proto.oneof_decl)}
            add(full_name, proto, path, members)
            for i, nested in enumerate(proto.nested_type):
                message(nested, full_name, (*path, 3, i))
            for i, nested_enum in enumerate(proto.enum_type):
                enum(nested_enum, full_name, (*path, 4, i))

        package = file.package
        for i, proto in enumerate(file.message_type):
            message(proto, package, (4, i))
        for i, proto in enumerate(file.enum_type):
            enum(proto, package, (5, i))
        for i, proto in enumerate(file.service):
            add(f"{package}.{proto.name}", proto, (6, i), {m.name: comment((6, i, 2, j)) for j, m in enumerate(proto.method)})
        self.file_comments[file.name] = comment((2,)).text  # the comment above `package`

    def top_level(self, file: str) -> list[Element]:
        """The file's top-level messages and enums, in source order."""
        package = self.files[file].package
        names = [f"{package}.{m.name}" for m in self.files[file].message_type]
        names += [f"{package}.{e.name}" for e in self.files[file].enum_type]
        return sorted((self.elements[n] for n in names), key=lambda e: e.line)

    def services(self) -> list[Element]:
        return [self.elements[f"{f.package}.{s.name}"] for name, f in sorted(self.files.items())
                if name in self.own_files for s in f.service]

    def referenced(self, names: Iterable[str]) -> list[str]:
        """The message and enum types the given messages use, transitively (not including themselves)."""
        seen: dict[str, None] = {}
        pending = list(names)
        start = set(pending)
        while pending:
            element = self.elements[pending.pop(0)]
            if not element.is_message or element.full_name in WELL_KNOWN:
                continue
            for f in element.proto.field:
                if f.type_name:
                    target = f.type_name.lstrip(".")
                    if target not in seen and target not in start:
                        seen[target] = None
                        pending.append(target)
        return list(seen)


@dataclass
class Topic:
    service: str
    version: str
    file: str
    name: str
    events: list[Element]
    #: Section text (the detached comment before them) -> events of the section, in source order.
    sections: list[tuple[str, list[Element]]]
    #: Types the events use that are defined in the same file.
    local_types: list[Element]


def topics(model: Model) -> list[Topic]:
    result = []
    for file_name in sorted(model.own_files):
        match = EVENTS_FILE.match(file_name)
        if not match:
            continue
        elements = model.top_level(file_name)
        embedded = {f.type_name.lstrip(".") for e in model.elements.values() if e.file == file_name and e.is_message
                    for f in e.proto.field if f.type_name}
        sections: list[tuple[str, list[Element]]] = [("", [])]
        events = []
        for element in elements:
            if element.comment.detached:
                sections.append((element.comment.detached[-1], []))
            if element.is_message and element.full_name not in embedded:
                sections[-1][1].append(element)
                events.append(element)
        local = [model.elements[n] for n in model.referenced(e.full_name for e in events)
                 if model.elements[n].file == file_name]
        package = model.files[file_name].package
        result.append(Topic(match["service"], match["version"], file_name, package, events,
                            [s for s in sections if s[1]], sorted(local, key=lambda e: e.line)))
    return result


def record_headers() -> tuple[list[str], list[str]]:
    """The headers `to_record` writes: those on every record, and those only when known."""
    def sample(metadata: Metadata) -> dict[str, str]:
        event = StoredEvent(position=1, stream_id="streams/1", version=1, event_id="id", type="fedstd.x.v1.X",
                            data=b"", occurred_at=datetime(2021, 1, 1, tzinfo=timezone.utc), metadata=metadata)
        return to_record(event, "fedstd.x.v1", source_for("x")).headers

    always = list(sample(Metadata()))
    every = list(sample(Metadata(correlation_id="c", causation_id="c", actor="a")))
    undescribed = [h for h in every if h not in HEADER_MEANINGS]
    if undescribed:
        raise SystemExit(f"describe the record headers {undescribed} in HEADER_MEANINGS of {Path(__file__).name}")
    return always, [h for h in every if h not in always]


# ------------------------------------------------------------------------------------------------
# Markdown


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n\n", "<br>").replace("\n", " ")


def _paragraphs(text: str) -> str:
    """Comment text as Markdown: lines of one paragraph joined, paragraphs kept apart."""
    return "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))


class MarkdownTypes:
    """Renders messages and enums; links to types rendered in another document go there."""

    def __init__(self, model: Model, elsewhere: dict[str, str] | None = None):
        self.model = model
        self.elsewhere = elsewhere or {}

    def link(self, full_name: str) -> str:
        if full_name in WELL_KNOWN:
            return f"`{full_name}` ({WELL_KNOWN[full_name][1]})"
        element = self.model.elements[full_name]
        target = self.elsewhere.get(full_name, "")
        return f"[{element.name}]({target}#{full_name})"

    def field_type(self, message: descriptor_pb2.DescriptorProto, f: descriptor_pb2.FieldDescriptorProto) -> str:
        if f.type_name:
            target = self.model.elements.get(f.type_name.lstrip("."))
            if target is not None and target.is_message and target.proto.options.map_entry:
                key, value = target.proto.field
                return f"map<{self.field_type(target.proto, key)}, {self.field_type(target.proto, value)}>"
            base = self.link(f.type_name.lstrip("."))
        else:
            base = FieldType.Type.Name(f.type).removeprefix("TYPE_").lower()
        if f.label == FieldType.LABEL_REPEATED:
            return f"repeated {base}"
        if f.proto3_optional:
            return f"optional {base}"
        return base

    def fields_table(self, element: Element) -> list[str]:
        message = element.proto
        if not message.field:
            return ["No fields."]
        lines = ["| field | number | type | meaning |", "|---|---:|---|---|"]
        for f in message.field:
            meaning = element.members[f.name].text
            if f.HasField("oneof_index") and not f.proto3_optional:
                oneof = message.oneof_decl[f.oneof_index].name
                oneof_meaning = element.members[f"oneof {oneof}"].text
                meaning = f"One of `{oneof}`{': ' + oneof_meaning if oneof_meaning else ''}. {meaning}".strip()
            if f.options.deprecated:
                meaning = f"**Deprecated.** {meaning}".strip()
            lines.append(f"| `{f.name}` | {f.number} | {self.field_type(message, f)} | {_cell(meaning)} |")
        return lines

    def enum_table(self, element: Element) -> list[str]:
        lines = ["| value | number | meaning |", "|---|---:|---|"]
        for v in element.proto.value:
            lines.append(f"| `{v.name}` | {v.number} | {_cell(element.members[v.name].text)} |")
        return lines

    def heading(self, element: Element, level: str, kind: str = "") -> list[str]:
        return [f'<a id="{element.full_name}"></a>', "", f"{level} {kind}{element.name}", ""]

    def type_section(self, element: Element, level: str = "####") -> list[str]:
        kind = "message " if element.is_message else "enum "
        lines = self.heading(element, level, kind)
        lines += [f"`{element.full_name}`", ""]
        if element.comment.text:
            lines += [_paragraphs(element.comment.text), ""]
        lines += self.fields_table(element) if element.is_message else self.enum_table(element)
        return lines + [""]

    def shared_types(self, names: Iterable[str]) -> list[str]:
        shown = [self.model.elements[n] for n in names if n not in WELL_KNOWN and n not in self.elsewhere]
        if not shown:
            return []
        lines = ["## Shared types", "", "Types of other packages that the messages above use.", ""]
        for element in sorted(shown, key=lambda e: e.full_name):
            lines += self.type_section(element, "###")
        return lines


GENERATED_NOTE = ("<!-- Generated by scripts/gen_catalogue.py from proto/: do not edit by hand. "
                  "After changing a .proto, run `.venv/bin/python scripts/gen_catalogue.py`. -->")


def events_markdown(model: Model, all_topics: list[Topic]) -> str:
    always, optional = record_headers()
    types = MarkdownTypes(model)
    lines = [
        GENERATED_NOTE, "",
        "# Event catalogue",
        "",
        "Every event fedstd publishes, topic by topic, with the contract a consumer can rely on. The",
        "`.proto` files under `proto/` are the source of this page; the same content in machine-readable",
        "form is [`docs/asyncapi.yaml`](../asyncapi.yaml) (AsyncAPI " + ASYNCAPI_VERSION + "). How the contract may evolve:",
        "[compatibility.md](../compatibility.md).",
        "",
        "## Topics",
        "",
        "| topic | service | `ce_source` | event types | dead-letter topic |",
        "|---|---|---|---:|---|",
    ]
    for topic in all_topics:
        lines.append(f"| [`{topic.name}`](#topic-{topic.name}) | {topic.service} | `{source_for(topic.service)}` | "
                     f"{len(topic.events)} | `{dead_letter_topic(topic.name)}` |")
    lines += [
        "",
        "## The record",
        "",
        "- **Key**: the stream id, i.e. the resource name of the aggregate the event belongs to (for",
        "  example `chambers/NMB`). All events of one resource have the same key.",
        "- **Value**: the event, serialized as the protobuf message named by `ce_type`.",
        "- **Headers**: CloudEvents attributes in the Kafka protocol binding, binary mode. Header values",
        "  are UTF-8 strings.",
        "",
        "| header | on every record | meaning |",
        "|---|---|---|",
        *[f"| `{h}` | {'yes' if h in always else 'when known'} | {_cell(HEADER_MEANINGS[h])} |" for h in always + optional],
        "",
        "## Ordering",
        "",
        "- **Per stream**: the records of one stream share a key, so they go to one partition and a",
        "  consumer receives them in the order they were stored: `ce_streamversion` 1, 2, 3, ...",
        "  A redelivery (see below) can repeat records it had already delivered; a consumer that keeps the",
        "  highest `ce_streamversion` it applied per stream (`ce_subject`) and ignores anything not above it",
        "  sees each stream in order exactly once.",
        "- **Across streams** there is no order: two streams usually sit on different partitions. Within one",
        "  partition, `ce_sequence` grows with store order, but a consumer must not rely on",
        "  `ce_sequence` to order events of different streams.",
        "- **Across topics** there is no order: a consumer of two services' topics can see an event of one",
        "  before an earlier event of the other.",
        "",
        "## Delivery",
        "",
        "At least once. A service stores its events and publishes them afterwards; after a crash or a",
        "broker outage it publishes again what it cannot prove was acknowledged, and a consumer that stops",
        "before committing its offsets reads records again. Such a record is the same event: same `ce_id`,",
        "same value. **Deduplicate on `ce_id`** (or, for state kept per stream, on `ce_streamversion` as",
        "above). An event that was stored is never lost; one whose command failed is never published.",
        "",
        "## Dead-letter topics",
        "",
        "A fedstd consumer (a projection of another service) that cannot apply a record copies it, key,",
        "value and headers unchanged, to `<topic>.deadletter`, adds these headers, and moves on:",
        "",
        "| header | meaning |",
        "|---|---|",
        *[f"| `{h}` | {_cell(meaning)} |" for h, meaning in DEAD_LETTER_HEADERS.items()],
        "",
        "A record lands there when",
        "",
        *[f"- {reason}" for reason in DEAD_LETTER_REASONS],
        "",
        "Dead-letter topics are for operators: a record there was not applied by the group named in",
        "`dlq_group`. Integrators do not need to read them.",
        "",
    ]
    for topic in all_topics:
        lines += [f'<a id="topic-{topic.name}"></a>', "", f"## `{topic.name}`", ""]
        if about := model.file_comments[topic.file]:
            lines += [_paragraphs(about), ""]
        lines += [f"Service `{topic.service}`, `ce_source` `{source_for(topic.service)}`, defined in "
                  f"`proto/{topic.file}`. Event types:", ""]
        lines += [f"- [{e.name}](#{e.full_name})" for e in topic.events] + [""]
        for heading, events in topic.sections:
            if heading:
                lines += [_paragraphs(heading), ""]
            for event in events:
                lines += types.heading(event, "###")
                lines += [f"`ce_type`: `{event.full_name}`", ""]
                if event.comment.text:
                    lines += [_paragraphs(event.comment.text), ""]
                lines += types.fields_table(event) + [""]
        if topic.local_types:
            lines += [f"### Types used by the events of `{topic.name}`", ""]
            for element in topic.local_types:
                lines += types.type_section(element)
    used_elsewhere = model.referenced(e.full_name for t in all_topics for e in t.events)
    lines += types.shared_types(n for n in used_elsewhere if model.elements[n].file not in {t.file for t in all_topics})
    return "\n".join(lines).rstrip() + "\n"


def services_markdown(model: Model, all_topics: list[Topic]) -> str:
    events_doc = {e.full_name: "events.md" for t in all_topics for e in [*t.events, *t.local_types]}
    types = MarkdownTypes(model, events_doc)
    services = model.services()
    lines = [
        GENERATED_NOTE, "",
        "# gRPC catalogue",
        "",
        "Every gRPC service, its methods and messages. Every server also offers standard health checking",
        "(`grpc.health.v1.Health`) and server reflection, so tools that know no `.proto` (grpcurl and the",
        "like) can list and call these methods. Calls carry a bearer token in the `authorization` metadata",
        "(`Bearer <token>`). Errors use the standard status codes with `google.rpc` details in",
        "`grpc-status-details-bin` (`BadRequest` field violations for `INVALID_ARGUMENT`, `ErrorInfo` with",
        "a reason for `FAILED_PRECONDITION`).",
        "",
        "| service | methods | defined in |",
        "|---|---:|---|",
        *[f"| [`{s.full_name}`](#{s.full_name}) | {len(s.proto.method)} | `proto/{s.file}` |" for s in services],
        "",
    ]
    rendered: set[str] = set()
    for service in services:
        lines += types.heading(service, "##")
        if service.comment.text:
            lines += [_paragraphs(service.comment.text), ""]
        lines += ["| method | request | response | meaning |", "|---|---|---|---|"]
        for method in service.proto.method:
            request = ("stream " if method.client_streaming else "") + types.link(method.input_type.lstrip("."))
            response = ("stream " if method.server_streaming else "") + types.link(method.output_type.lstrip("."))
            lines.append(f"| `{method.name}` | {request} | {response} | {_cell(service.members[method.name].text)} |")
        lines.append("")
        if service.file not in rendered:
            rendered.add(service.file)
            lines += [f"### Messages of `proto/{service.file}`", ""]
            for element in model.top_level(service.file):
                lines += types.type_section(element)
    own = {e.full_name for f in rendered for e in model.top_level(f)}
    used = model.referenced(own)
    lines += types.shared_types(n for n in used if n not in own and model.elements[n].file not in rendered)
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------------------------------------
# AsyncAPI


def _described(schema: dict, text: str) -> dict:
    if not text:
        return schema
    if "$ref" in schema:  # draft-07 ignores keywords beside $ref
        return {"description": text, "allOf": [schema]}
    return {**schema, "description": text}


class AsyncApiSchemas:
    """JSON schemas of the messages, by their protobuf fields (field names as in the .proto)."""

    def __init__(self, model: Model):
        self.model = model
        self.components: dict[str, dict] = {}

    def ref(self, full_name: str) -> dict:
        if full_name in WELL_KNOWN:
            return dict(WELL_KNOWN[full_name][0])
        if full_name not in self.components:
            self.components[full_name] = {}  # placeholder: recursive types end here
            self.components[full_name] = self.schema(self.model.elements[full_name])
        return {"$ref": f"#/components/schemas/{full_name}"}

    def field_schema(self, f: descriptor_pb2.FieldDescriptorProto) -> dict:
        if f.type_name:
            target = self.model.elements.get(f.type_name.lstrip("."))
            if target is not None and target.is_message and target.proto.options.map_entry:
                _, value = target.proto.field
                return {"type": "object", "additionalProperties": self.field_schema(value)}
            base = self.ref(f.type_name.lstrip("."))
        else:
            base = dict(SCALAR_SCHEMAS[f.type])
        if f.label == FieldType.LABEL_REPEATED:
            return {"type": "array", "items": base}
        return base

    def schema(self, element: Element) -> dict:
        if not element.is_message:
            values = element.proto.value
            listing = "\n".join(f"- `{v.name}` ({v.number}){': ' + element.members[v.name].text if element.members[v.name].text else ''}"
                                for v in values)
            description = "\n\n".join(p for p in (element.comment.text, listing) if p)
            return {"type": "string", "enum": [v.name for v in values], "description": description}
        properties = {}
        for f in element.proto.field:
            text = element.members[f.name].text
            if f.HasField("oneof_index") and not f.proto3_optional:
                text = f"One of `{element.proto.oneof_decl[f.oneof_index].name}`. {text}".strip()
            properties[f.name] = {**_described(self.field_schema(f), text), "x-protobuf-field-number": f.number}
        schema: dict = {"type": "object", "title": element.full_name}
        if element.comment.text:
            schema["description"] = element.comment.text
        schema["properties"] = properties
        return schema


def _summary(text: str) -> str:
    first = text.split("\n\n", 1)[0].replace("\n", " ")
    match = re.match(r"(.+?[.。])(\s|$)", first)
    return match.group(1) if match else first


def asyncapi_document(model: Model, all_topics: list[Topic]) -> dict:
    always, optional = record_headers()
    schemas = AsyncApiSchemas(model)
    header_properties = {h: {"type": "string", "description": HEADER_MEANINGS[h]} for h in always + optional}
    messages: dict[str, dict] = {}
    channels: dict[str, dict] = {}
    operations: dict[str, dict] = {}
    for topic in all_topics:
        channel_messages = {}
        for event in topic.events:
            messages[event.full_name] = {
                "name": event.full_name,
                "title": event.name,
                **({"summary": _summary(event.comment.text), "description": event.comment.text} if event.comment.text else {}),
                "contentType": CONTENT_TYPE,
                "headers": {"allOf": [{"$ref": "#/components/schemas/CloudEventHeaders"},
                                      {"type": "object", "properties": {
                                          "ce_type": {"const": event.full_name},
                                          "ce_source": {"const": source_for(topic.service)}}}]},
                "payload": schemas.ref(event.full_name),
                "correlationId": {"$ref": "#/components/correlationIds/ce_correlationid"},
                "bindings": KAFKA_MESSAGE_BINDINGS,
            }
            channel_messages[event.name] = {"$ref": f"#/components/messages/{event.full_name}"}
        channel_id = f"{topic.service}_{topic.version}"
        about = model.file_comments[topic.file]
        channels[channel_id] = {
            "address": topic.name,
            "title": f"{topic.service} events",
            **({"description": about} if about else {}),
            "messages": channel_messages,
            "bindings": {"kafka": {"topic": topic.name, "bindingVersion": KAFKA_BINDING_VERSION}},
        }
        channels[f"{channel_id}_deadletter"] = {
            "address": dead_letter_topic(topic.name),
            "title": f"{topic.service} dead letters",
            "description": f"Records of `{topic.name}` that a fedstd consumer could not apply, copied unchanged "
                           "with the `dlq_*` headers added.",
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
        }
        operations[f"publish_{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "title": f"{topic.service} publishes its events",
            "description": "Each event once stored, at least once, keyed by its stream id.",
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{e.name}"} for e in topic.events],
        }
        operations[f"deadletter_{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}_deadletter"},
            "title": f"fedstd consumers set aside records of {topic.name} they cannot apply",
            "messages": [{"$ref": f"#/channels/{channel_id}_deadletter/messages/DeadLetter"}],
        }
    messages["DeadLetter"] = {
        "name": "DeadLetter",
        "title": "A record set aside",
        "description": "The original record, unchanged; the headers gain `dlq_*`. It lands here when\n"
                       + "\n".join(f"- {r}" for r in DEAD_LETTER_REASONS),
        "headers": {"type": "object", "properties": {
            **header_properties,
            **{h: {"type": "string", "description": meaning} for h, meaning in DEAD_LETTER_HEADERS.items()}},
            "required": list(DEAD_LETTER_HEADERS)},
        "payload": {"description": "The original record value, unchanged."},
        "bindings": KAFKA_MESSAGE_BINDINGS,
    }
    versions = sorted({t.version for t in all_topics})
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "fedstd domain events",
            "version": ", ".join(versions),
            "description": (
                "The domain events fedstd's services publish on Kafka, one topic per service and major version. "
                "Records follow the CloudEvents Kafka protocol binding in binary mode: the value is the protobuf "
                "message named by the `ce_type` header (the payload schemas below describe its fields, named as in "
                "the `.proto`), the key is the stream id. Delivery is at least once: deduplicate on `ce_id`. "
                "Order holds per stream (`ce_streamversion`), not across streams. Generated from `proto/` by "
                "scripts/gen_catalogue.py; the human-readable form is docs/catalogue/events.md."),
            "license": {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"},
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "kafka": {
                "host": "{bootstrap}",
                "protocol": "kafka",
                "description": "The Kafka cluster the distributed runtime uses (`FEDSTD_KAFKA_BOOTSTRAP`).",
                "variables": {"bootstrap": {"description": "A bootstrap server, host:port.", "default": "kafka:9092"}},
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": {
                "CloudEventHeaders": {"type": "object", "properties": header_properties, "required": always},
                **dict(sorted(schemas.components.items())),
            },
            "correlationIds": {"ce_correlationid": {"description": "The request the event stems from.",
                                                    "location": "$message.header#/ce_correlationid"}},
        },
    }


# ------------------------------------------------------------------------------------------------


def generate(out_dir: Path, proto_dir: Path = PROTO_DIR) -> list[Path]:
    """Writes the three documents under out_dir (mirroring their places in the repository)."""
    model = Model.load(proto_dir)
    all_topics = topics(model)
    outputs = {
        EVENTS_MD: events_markdown(model, all_topics),
        SERVICES_MD: services_markdown(model, all_topics),
        ASYNCAPI: "# Generated by scripts/gen_catalogue.py from proto/: do not edit by hand.\n"
                  + yaml.safe_dump(asyncapi_document(model, all_topics), sort_keys=False, allow_unicode=True, width=100),
    }
    written = []
    for relative, text in outputs.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT, help="root to write docs/... under (default: the repository)")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
