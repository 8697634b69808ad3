"""API resources from read-model documents, with the states derived for the query's date.

A document's fields carry the resource's field names (see projections.py), so it parses into the
resource message directly; the derived states (a standard IN_FORCE, a forerunner EXPIRED) and the
parts kept as documents of their own (memberships, conversions, translations, trainees) are added
here. The same functions answer queries (from the read model) and commands (from the command's
stream folded in memory, `FoldedDocuments`), so both show a resource the same way.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Protocol, TypeVar

from google.protobuf.json_format import ParseDict
from google.protobuf.message import Message

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from services.common.readmodel.base import Filter
from services.registry.projections import CONVERSIONS, MEMBERSHIPS, TRAINEES, TRANSLATIONS

M = TypeVar("M", bound=Message)
MAX_PARTS = 1000


class Documents(Protocol):
    """Where the parts of a resource are found: the read model, or a command's folded documents."""

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]: ...


def to_message(cls: type[M], document: dict[str, Any]) -> M:
    """The resource message of a document: its fields, `name` from the key, `version` from the version."""
    body = {key: value for key, value in document.items() if not key.startswith("_")}
    message = ParseDict(body, cls(), ignore_unknown_fields=True)
    message.name = document["_key"]  # type: ignore[attr-defined]
    message.version = document["_version"]  # type: ignore[attr-defined]
    return message


def _parts(docs: Documents, collection: str, where: dict[str, Any]) -> list[dict[str, Any]]:
    return docs.find(collection, where, limit=MAX_PARTS)


def federation(document: dict[str, Any]) -> api.Federation:
    return to_message(api.Federation, document)


def committee_member(document: dict[str, Any]) -> api.CommitteeMember:
    return to_message(api.CommitteeMember, document)


def chamber(document: dict[str, Any]) -> api.Chamber:
    return to_message(api.Chamber, document)


def enterprise(document: dict[str, Any], docs: Documents | None = None) -> api.Enterprise:
    """With `docs`, the full resource: its current chamber memberships too."""
    message = to_message(api.Enterprise, document)
    if docs is not None:
        for membership in _parts(docs, MEMBERSHIPS, {"enterprise": document["_key"], "active": True}):
            message.chambers.add(chamber=membership["chamber"], joined_on=membership["joined_on"])
    return message


def group_standard(document: dict[str, Any], as_of: date, docs: Documents | None = None) -> api.GroupStandard:
    """The standard's state on `as_of`; with `docs`, its conversions and translations too."""
    message = to_message(api.GroupStandard, document)
    if message.state == api.GROUP_STANDARD_STATE_PUBLISHED and message.effective_on <= as_of.isoformat():
        message.state = api.GROUP_STANDARD_STATE_IN_FORCE
    if docs is not None:
        parts = {"group_standard": document["_key"]}
        message.conversions.extend(
            to_part(api.ConversionRequest, d) for d in _parts(docs, CONVERSIONS, parts))
        message.translations.extend(to_part(api.Translation, d) for d in _parts(docs, TRANSLATIONS, parts))
    return message


def to_part(cls: type[M], document: dict[str, Any]) -> M:
    """A part of a resource (no name or version of its own)."""
    return ParseDict({k: v for k, v in document.items() if not k.startswith("_")}, cls(), ignore_unknown_fields=True)


def leader(document: dict[str, Any]) -> api.Leader:
    return to_message(api.Leader, document)


def self_declaration(document: dict[str, Any]) -> api.SelfDeclaration:
    return to_message(api.SelfDeclaration, document)


def forerunner(document: dict[str, Any], as_of: date) -> api.Forerunner:
    """LISTED turns into EXPIRED once `as_of` is past its validity."""
    message = to_message(api.Forerunner, document)
    if message.state == api.FORERUNNER_STATE_LISTED and message.valid_until < as_of.isoformat():
        message.state = api.FORERUNNER_STATE_EXPIRED
    return message


def training_batch(document: dict[str, Any], docs: Documents | None = None) -> api.TrainingBatch:
    """With `docs`, its trainees too."""
    message = to_message(api.TrainingBatch, document)
    if docs is not None:
        message.trainees.extend(
            to_part(events.Trainee, d) for d in _parts(docs, TRAINEES, {"training_batch": document["_key"]}))
    return message
