"""The registry's read models, fed from its own topic like any other consumer's.

Document fields carry the names of the API resource's fields (enums by name), so a document reads
back into its resource message as is (`resources.py`); a few extra fields serve filters only:
`sector_<NAME>` flags (read-model filters match scalar fields, so a set of sectors is one flag per
sector), `active`, `in_brand_pilot`, `good_behaviour_conforms` and the declaration's `kind`,
`standard_number` and `key_field`.

Each document is written by the events of one stream, with that stream's version: a resource's
document and its parts (memberships, conversions, translations, leader years, trainees) are
keyed under the resource's name.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from fedstd.registry.v1 import events_pb2 as events
from fedstd.type.v1 import plan_pb2 as plan
from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection
from services.common.readmodel import Put
from services.registry import names
from services.registry.domain import STAGE_AFTER, stage_after

FEDERATIONS = "federations"
COMMITTEE_MEMBERS = "committee_members"
CHAMBERS = "chambers"
ENTERPRISES = "enterprises"
MEMBERSHIPS = "chamber_memberships"
GROUP_STANDARDS = "group_standards"
CONVERSIONS = "conversions"
TRANSLATIONS = "translations"
LEADERS = "leaders"
DECLARATIONS = "self_declarations"
FORERUNNERS = "forerunners"
TRAINING_BATCHES = "training_batches"
TRAINEES = "trainees"

PLAN_SECTORS = tuple(v.number for v in plan.PlanSector.DESCRIPTOR.values if v.number)


def sector_flag(sector: int) -> str:
    """The filter field of one plan sector, e.g. `sector_MANUFACTURING`."""
    return "sector_" + plan.PlanSector.Name(sector).removeprefix("PLAN_SECTOR_")


def _sectors(sectors: Iterable[int]) -> dict[str, Any]:
    chosen = set(sectors)
    return {"plan_sectors": [plan.PlanSector.Name(s) for s in sorted(chosen)],
            **{sector_flag(s): True if s in chosen else None for s in PLAN_SECTORS}}


def as_fields(message: Message) -> dict[str, Any]:
    """A message as document fields: proto field names, enums by name, defaults included."""
    return MessageToDict(message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


def touch(collection: str, event: StoredEvent) -> Put:
    """Moves the version of the stream's own document: a resource's version is its stream's version."""
    return Put(collection, event.stream_id, event.version, {})


def group_standard_state(stage: str) -> str:
    return f"GROUP_STANDARD_STATE_{stage}"


class RegistryViews(Projection):
    name = "registry.views"
    topics = (topic_for("registry"),)
    indexes = {
        FEDERATIONS: [["level"], ["league_code"]],
        COMMITTEE_MEMBERS: [["active"]],
        CHAMBERS: [["league_code"], ["pilot_year"]],
        ENTERPRISES: [["league_code"], ["industry_section"]],
        MEMBERSHIPS: [["enterprise", "active"]],
        GROUP_STANDARDS: [["league_code"], ["number"], ["org_code"], ["state"]],
        CONVERSIONS: [["group_standard"]],
        TRANSLATIONS: [["group_standard"]],
        LEADERS: [["year"], ["league_code"]],
        DECLARATIONS: [["enterprise"], ["league_code"], ["standard_number"]],
        FORERUNNERS: [["year"], ["league_code"]],
        TRAINING_BATCHES: [["league_code"]],
        TRAINEES: [["training_batch"]],
    }

    def handlers(self):
        one_document = {
            events.FederationRegistered: (FEDERATIONS, self.federation_registered),
            events.CommitteeMemberAppointed: (COMMITTEE_MEMBERS, self.committee_member_appointed),
            events.CommitteeMemberRemoved: (COMMITTEE_MEMBERS, self.committee_member_removed),
            events.ChamberRegistered: (CHAMBERS, self.chamber_registered),
            events.ChamberSelectedAsPilot: (CHAMBERS, self.chamber_selected_as_pilot),
            events.ChamberCommitmentDeclared: (CHAMBERS, self.chamber_commitment_declared),
            events.ChamberRegisteredOnPlatform: (CHAMBERS, self.chamber_registered_on_platform),
            events.ChamberGoodBehaviourRecorded: (CHAMBERS, self.chamber_good_behaviour_recorded),
            events.ChamberGoodBehaviourRevoked: (CHAMBERS, self.chamber_good_behaviour_revoked),
            events.EnterpriseRegistered: (ENTERPRISES, self.enterprise_registered),
            events.EnterpriseDetailsChanged: (ENTERPRISES, self.enterprise_details_changed),
            events.EnterpriseEnrolledInBrandPilot: (ENTERPRISES, self.enterprise_enrolled),
            events.EnterpriseWithdrewFromBrandPilot: (ENTERPRISES, self.enterprise_withdrew),
            events.StandardSelfDeclared: (DECLARATIONS, self.standard_self_declared),
            events.SelfDeclarationUpdated: (DECLARATIONS, self.self_declaration_updated),
            events.SelfDeclarationWithdrawn: (DECLARATIONS, self.self_declaration_withdrawn),
        }
        lifecycle = (*STAGE_AFTER, events.GroupStandardTechnicallyReviewed, events.GroupStandardPeriodicReviewConcluded)
        return {
            **{cls: self._stream_document(collection, fields) for cls, (collection, fields) in one_document.items()},
            **{cls: self._stream_document(GROUP_STANDARDS, self.group_standard_step) for cls in lifecycle},
            events.EnterpriseJoinedChamber: self.enterprise_joined_chamber,
            events.EnterpriseLeftChamber: self.enterprise_left_chamber,
            events.GroupStandardConversionRequested: self.conversion_requested,
            events.GroupStandardConversionDecided: self.conversion_decided,
            events.GroupStandardTranslated: self.group_standard_translated,
            events.LeaderRecommended: self.leader_recommended,
            events.LeaderListed: self.leader_listed,
            events.LeaderRevoked: self.leader_revoked,
            events.ForerunnerListed: self.forerunner_listed,
            events.ForerunnerRevoked: self.forerunner_revoked,
            events.TrainingBatchHeld: self.training_batch_held_with_trainees,
            events.TraineesRecorded: self.trainees_recorded,
        }

    @staticmethod
    def _stream_document(collection: str, fields):
        """A handler that sets `fields(message)` on the document named by the event's stream."""
        def handler(event: StoredEvent, message: Message) -> list[Put]:
            return [Put(collection, event.stream_id, event.version, fields(message))]
        return handler

    # -- federations and the committee

    @staticmethod
    def federation_registered(message: events.FederationRegistered) -> dict[str, Any]:
        parent_code = message.parent_federation.removeprefix("federations/")
        league_code = "" if not parent_code else message.division_code if message.level == events.FEDERATION_LEVEL_LEAGUE else parent_code
        return {"division_code": message.division_code, "level": events.FederationLevel.Name(message.level),
                "display_name": message.name, "parent": message.parent_federation, "league_code": league_code,
                "registered_on": message.registered_on}

    @staticmethod
    def committee_member_appointed(message: events.CommitteeMemberAppointed) -> dict[str, Any]:
        fields = as_fields(message)
        del fields["member"]
        return {**fields, "active": True}

    @staticmethod
    def committee_member_removed(message: events.CommitteeMemberRemoved) -> dict[str, Any]:
        return {"removed_on": message.removed_on, "removal_reason": message.reason, "active": False}

    # -- chambers

    @staticmethod
    def chamber_registered(message: events.ChamberRegistered) -> dict[str, Any]:
        return {"org_code": message.org_code, "display_name": message.name, "federation": message.federation,
                "league_code": message.league_code, "registered_on": message.registered_on,
                **_sectors(message.plan_sectors)}

    @staticmethod
    def chamber_selected_as_pilot(message: events.ChamberSelectedAsPilot) -> dict[str, Any]:
        return {"pilot_year": message.year, "pilot_selected_on": message.selected_on}

    @staticmethod
    def chamber_commitment_declared(message: events.ChamberCommitmentDeclared) -> dict[str, Any]:
        return {"commitment_declared_on": message.declared_on, "commitment_statement": message.statement}

    @staticmethod
    def chamber_registered_on_platform(message: events.ChamberRegisteredOnPlatform) -> dict[str, Any]:
        return {"platform_registered_on": message.registered_on, "platform_account": message.platform_account}

    @staticmethod
    def chamber_good_behaviour_recorded(message: events.ChamberGoodBehaviourRecorded) -> dict[str, Any]:
        return {"good_behaviour": as_fields(message), "good_behaviour_conforms": message.conforms,
                "good_behaviour_revoked_on": None}

    @staticmethod
    def chamber_good_behaviour_revoked(message: events.ChamberGoodBehaviourRevoked) -> dict[str, Any]:
        return {"good_behaviour_revoked_on": message.revoked_on, "good_behaviour_conforms": False}

    # -- enterprises

    @staticmethod
    def _enterprise_details(message: events.EnterpriseRegistered | events.EnterpriseDetailsChanged) -> dict[str, Any]:
        return {"display_name": message.name, "division_code": message.division_code,
                "league_code": message.league_code, "industry_section": message.industry_section,
                "industry_division": message.industry_division,
                "size_class": events.SizeClass.Name(message.size_class), **_sectors(message.plan_sectors)}

    @classmethod
    def enterprise_registered(cls, message: events.EnterpriseRegistered) -> dict[str, Any]:
        return {"uscc": message.uscc, "is_private": message.is_private, "registered_on": message.registered_on,
                **cls._enterprise_details(message)}

    @classmethod
    def enterprise_details_changed(cls, message: events.EnterpriseDetailsChanged) -> dict[str, Any]:
        return cls._enterprise_details(message)

    @staticmethod
    def enterprise_enrolled(message: events.EnterpriseEnrolledInBrandPilot) -> dict[str, Any]:
        return {"brand_pilot_year": message.year, "brand_pilot_enrolled_on": message.enrolled_on,
                "in_brand_pilot": True, "brand_pilot_withdrawn_on": None, "brand_pilot_withdrawal_reason": None}

    @staticmethod
    def enterprise_withdrew(message: events.EnterpriseWithdrewFromBrandPilot) -> dict[str, Any]:
        return {"brand_pilot_withdrawn_on": message.withdrawn_on, "brand_pilot_withdrawal_reason": message.reason,
                "in_brand_pilot": False}

    @staticmethod
    def enterprise_joined_chamber(event: StoredEvent, message: events.EnterpriseJoinedChamber) -> list[Put]:
        fields = {"enterprise": message.enterprise, "chamber": message.chamber, "joined_on": message.joined_on,
                  "active": True, "left_on": None}
        return [Put(MEMBERSHIPS, f"{event.stream_id}/{message.chamber}", event.version, fields), touch(ENTERPRISES, event)]

    @staticmethod
    def enterprise_left_chamber(event: StoredEvent, message: events.EnterpriseLeftChamber) -> list[Put]:
        fields = {"active": False, "left_on": message.left_on}
        return [Put(MEMBERSHIPS, f"{event.stream_id}/{message.chamber}", event.version, fields), touch(ENTERPRISES, event)]

    # -- group standards

    @staticmethod
    def group_standard_step(message: Message) -> dict[str, Any]:
        """The lifecycle fields an event sets, and the state it leads to."""
        stage = stage_after(message)
        assert stage is not None
        fields: dict[str, Any] = {"state": group_standard_state(stage)}
        if isinstance(message, events.GroupStandardProposed):
            fields.update(standard_id=message.group_standard.rsplit("/", 1)[1], org_code=message.org_code,
                          title=message.title, scope=message.scope, league_code=message.league_code,
                          proposed_on=message.proposed_on, forerunner_year=message.forerunner_year,
                          forerunner_key_field=message.forerunner_key_field, **_sectors(message.plan_sectors))
        elif isinstance(message, events.GroupStandardApprovedForDrafting):
            fields.update(approved_for_drafting_on=message.approved_on)
        elif isinstance(message, events.GroupStandardDraftingStarted):
            fields.update(drafting_started_on=message.started_on, drafting_units=list(message.drafting_units))
        elif isinstance(message, events.GroupStandardCommentOpened):
            fields.update(comment_opened_on=message.opened_on, comment_closes_on=message.closes_on)
        elif isinstance(message, events.GroupStandardTechnicallyReviewed):
            fields.update(reviewed_on=message.reviewed_on, comments_received=message.comments_received,
                          votes_for=message.votes_for, votes_cast=message.votes_cast, review_passed=message.passed)
        elif isinstance(message, events.GroupStandardApproved):
            fields.update(approved_on=message.approved_on)
        elif isinstance(message, events.StandardPublished):
            fields.update(number=message.number, published_on=message.published_on,
                          effective_on=message.effective_on, sequence=message.sequence, year=message.year,
                          review_due_on=message.review_due_on)
        elif isinstance(message, events.GroupStandardPeriodicReviewStarted):
            fields.update(periodic_review_started_on=message.started_on)
        elif isinstance(message, events.GroupStandardPeriodicReviewConcluded):
            fields.update(periodic_review_outcome=events.PeriodicReviewOutcome.Name(message.outcome),
                          periodic_review_concluded_on=message.concluded_on, periodic_review_report=message.report)
            if message.next_review_due_on:
                fields.update(review_due_on=message.next_review_due_on)
        elif isinstance(message, events.GroupStandardAbolished):
            fields.update(abolished_on=message.abolished_on, abolition_reason=message.reason)
        return fields

    @staticmethod
    def conversion_requested(event: StoredEvent, message: events.GroupStandardConversionRequested) -> list[Put]:
        fields = {"group_standard": message.group_standard, "request_id": message.request_id,
                  "target_level": events.StandardLevel.Name(message.target_level),
                  "requested_on": message.requested_on, "state": "CONVERSION_STATE_PENDING"}
        return [Put(CONVERSIONS, f"{event.stream_id}/conversions/{message.request_id}", event.version, fields),
                touch(GROUP_STANDARDS, event)]

    @staticmethod
    def conversion_decided(event: StoredEvent, message: events.GroupStandardConversionDecided) -> list[Put]:
        fields = {"state": "CONVERSION_STATE_ACCEPTED" if message.accepted else "CONVERSION_STATE_REJECTED",
                  "decided_on": message.decided_on, "converted_number": message.converted_number,
                  "reason": message.reason}
        return [Put(CONVERSIONS, f"{event.stream_id}/conversions/{message.request_id}", event.version, fields),
                touch(GROUP_STANDARDS, event)]

    @staticmethod
    def group_standard_translated(event: StoredEvent, message: events.GroupStandardTranslated) -> list[Put]:
        return [Put(TRANSLATIONS, f"{event.stream_id}/translations/{message.language}", event.version, as_fields(message)),
                touch(GROUP_STANDARDS, event)]

    @staticmethod
    def leader_recommended(event: StoredEvent, message: events.LeaderRecommended) -> list[Put]:
        fields = {**as_fields(message), "state": "LEADER_STATE_RECOMMENDED"}
        return [Put(LEADERS, names.leader_name(event.stream_id, message.year), event.version, fields),
                touch(GROUP_STANDARDS, event)]

    @staticmethod
    def leader_listed(event: StoredEvent, message: events.LeaderListed) -> list[Put]:
        fields = {"state": "LEADER_STATE_LISTED", "listed_on": message.listed_on}
        return [Put(LEADERS, names.leader_name(event.stream_id, message.year), event.version, fields),
                touch(GROUP_STANDARDS, event)]

    @staticmethod
    def leader_revoked(event: StoredEvent, message: events.LeaderRevoked) -> list[Put]:
        fields = {"state": "LEADER_STATE_REVOKED", "revoked_on": message.revoked_on, "revocation_reason": message.reason}
        return [Put(LEADERS, names.leader_name(event.stream_id, message.year), event.version, fields),
                touch(GROUP_STANDARDS, event)]

    # -- self-declarations

    @staticmethod
    def _content(content: events.DeclarationContent) -> dict[str, Any]:
        return {"content": as_fields(content), "kind": events.DeclaredStandardKind.Name(content.kind),
                "standard_number": content.standard_number, "key_field": content.key_field}

    @classmethod
    def standard_self_declared(cls, message: events.StandardSelfDeclared) -> dict[str, Any]:
        return {"enterprise": message.enterprise, "league_code": message.league_code,
                "disclosed_on": message.disclosed_on, "state": "SELF_DECLARATION_STATE_DISCLOSED",
                **cls._content(message.content)}

    @classmethod
    def self_declaration_updated(cls, message: events.SelfDeclarationUpdated) -> dict[str, Any]:
        return {"updated_on": message.updated_on, "state": "SELF_DECLARATION_STATE_UPDATED", **cls._content(message.content)}

    @staticmethod
    def self_declaration_withdrawn(message: events.SelfDeclarationWithdrawn) -> dict[str, Any]:
        return {"withdrawn_on": message.withdrawn_on, "withdrawal_reason": message.reason,
                "state": "SELF_DECLARATION_STATE_WITHDRAWN"}

    # -- forerunners

    @staticmethod
    def forerunner_listed(event: StoredEvent, message: events.ForerunnerListed) -> list[Put]:
        fields = {**as_fields(message), "state": "FORERUNNER_STATE_LISTED"}
        return [Put(FORERUNNERS, names.forerunner_entry_name(event.stream_id, message.declaration), event.version, fields)]

    @staticmethod
    def forerunner_revoked(event: StoredEvent, message: events.ForerunnerRevoked) -> list[Put]:
        fields = {"state": "FORERUNNER_STATE_REVOKED", "revoked_on": message.revoked_on,
                  "revocation_reason": message.reason}
        return [Put(FORERUNNERS, names.forerunner_entry_name(event.stream_id, message.declaration), event.version, fields)]

    # -- training

    @staticmethod
    def training_batch_held(message: events.TrainingBatchHeld) -> dict[str, Any]:
        fields = as_fields(message)
        del fields["training_batch"], fields["trainees"]
        return fields

    @classmethod
    def training_batch_held_with_trainees(cls, event: StoredEvent, message: events.TrainingBatchHeld) -> list[Put]:
        batch = Put(TRAINING_BATCHES, event.stream_id, event.version, cls.training_batch_held(message))
        return [batch, *trainee_documents(event, message)]

    @staticmethod
    def trainees_recorded(event: StoredEvent, message: events.TraineesRecorded) -> list[Put]:
        return [touch(TRAINING_BATCHES, event), *trainee_documents(event, message)]


def trainee_documents(event: StoredEvent, message: events.TrainingBatchHeld | events.TraineesRecorded) -> list[Put]:
    """One document per trainee, so a batch's trainees are answered by a query, not kept in a growing list."""
    return [
        Put(TRAINEES, f"{event.stream_id}/{trainee.enterprise}/trainees/{trainee.person_name}", event.version,
            {"training_batch": event.stream_id, **as_fields(trainee)})
        for trainee in message.trainees
    ]
