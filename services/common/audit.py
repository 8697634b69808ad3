"""Who did what to a resource: the audit trail, read from the owning service's event store.

Every command's events carry the caller's subject (`command_metadata`), so the events of a resource's
stream are its audit trail. Each service serves `fedstd.audit.v1.AuditService` over its own store and
says, in its ServiceDefinition (`audit_stream`), which stream holds a resource of its own.

Who may read a trail: the region any; a league federation a stream whose events name a league or
division it acts for (`league_code`, `division_code`); a chamber the resources under its own name
(`chambers/{org}` and below); an evaluation body a stream whose events name it as `evaluator`. Partners
read no trail: it names the people and bodies that acted.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import grpc
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.audit.v1 import audit_service_pb2 as api
from fedstd.audit.v1 import audit_service_pb2_grpc as api_grpc
from services.common import divisions
from services.common.auth import Caller, PermissionDeniedError, Role, SUBJECT_PREFIX, current_caller
from services.common.errors import NotFoundError, Violations
from services.common.events import StoredEvent
from services.common.eventstore import EventStore
from services.common.grpc_server import GrpcService
from services.common.validation import decode_page_token, encode_page_token, page_size

#: A resource name of the service -> the stream holding it; None when the name is none of the service's.
AuditStream = Callable[[str], "str | None"]

MAX_RESOURCE_NAME = 300


def actor_role(subject: str) -> str:
    """The role a subject names (tokens' default subjects); empty when no caller acted."""
    if subject == SUBJECT_PREFIX[Role.REGION] + divisions.REGION_CODE:
        return Role.REGION.value
    if subject.startswith(SUBJECT_PREFIX[Role.LEAGUE]):
        return Role.LEAGUE.value
    return next((role.value for role in (Role.CHAMBER, Role.EVALUATOR, Role.PARTNER)
                 if subject.startswith(SUBJECT_PREFIX[role])), "")


def _values(message: Message, name: str) -> Iterator[str]:
    """The values of the fields called `name` in the message and the messages it holds (an evaluation's
    evaluator sits in its result)."""
    for field, value in message.ListFields():
        if field.message_type is None:
            if field.name == name:
                yield str(value)
        else:
            for held in (value if field.is_repeated else [value]):
                if isinstance(held, Message):
                    yield from _values(held, name)


def _may_read(caller: Caller, resource: str, messages: Iterable[Message]) -> bool:
    if caller.role == Role.REGION:
        return True
    if caller.role == Role.CHAMBER:
        own = f"chambers/{caller.scope}"
        return resource == own or resource.startswith(own + "/")
    if caller.role == Role.LEAGUE:
        return any(caller.acts_for_league(code) for m in messages
                   for name in ("league_code", "division_code") for code in _values(m, name))
    if caller.role == Role.EVALUATOR:
        return any(value == f"evaluators/{caller.scope}" for m in messages for value in _values(m, "evaluator"))
    return False


def _timestamp(event: StoredEvent) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(event.occurred_at)
    return stamp


def entry(event: StoredEvent) -> api.AuditEntry:
    return api.AuditEntry(
        event_id=event.event_id, event_type=event.type, stream=event.stream_id, stream_version=event.version,
        occurred_at=_timestamp(event), actor=event.metadata.actor, actor_role=actor_role(event.metadata.actor),
        correlation_id=event.metadata.correlation_id, causation_id=event.metadata.causation_id,
        position=event.position)


class AuditApi(api_grpc.AuditServiceServicer):
    def __init__(self, service: str, store: EventStore, audit_stream: AuditStream):
        self.service = service
        self.store = store
        self.audit_stream = audit_stream

    def ListResourceEvents(self, request: api.ListResourceEventsRequest,
                           context: grpc.ServicerContext) -> api.ListResourceEventsResponse:
        violations = Violations()
        stream = self.audit_stream(request.resource) if len(request.resource) <= MAX_RESOURCE_NAME else None
        violations.check(stream is not None, "resource", f"not the name of a resource of the {self.service} service "
                                                         "(ask the service that owns it)")
        size = page_size(request.page_size)
        violations.raise_if_any()
        after = decode_page_token(request.page_token, {"resource": request.resource})
        if after and not after.isdigit():
            violations.add("page_token", "not a page token returned by this method")
            violations.raise_if_any()
        caller = current_caller()
        events = self.store.read_stream(stream)
        # Before telling whether the resource exists: only the region learns that of what it may not read.
        if not _may_read(caller, request.resource, (event.message() for event in events)):
            raise PermissionDeniedError(f"{caller.subject} ({caller.role}) may not read the audit trail of {request.resource}")
        if not events:
            raise NotFoundError(f"{request.resource} has no events in the {self.service} service")
        page = [event for event in events if event.version > int(after or 0)][:size + 1]
        more = len(page) > size
        page = page[:size]
        return api.ListResourceEventsResponse(
            entries=[entry(event) for event in page],
            next_page_token=encode_page_token(str(page[-1].version), {"resource": request.resource}) if more else "")


def audit_service(service: str, store: EventStore, audit_stream: AuditStream) -> GrpcService:
    return GrpcService.of(api, "AuditService", api_grpc.add_AuditServiceServicer_to_server,
                          AuditApi(service, store, audit_stream))
