"""The registry's gRPC API: commands go through aggregates, queries read the registry's views.

A command checks every field first (all problems at once), then the caller's right, then lets the
aggregate decide, saves, and answers with the resource as its stream now reads: the events it was
loaded from and the ones it appended go through the read-model projection and are folded in
memory (`FoldedDocuments`, the stores' merge rule), so a command's answer and a later query's
answer are made by the same code, without reading the stream again.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common import divisions, validation
from services.common.auth import PermissionDeniedError, Role, require_chamber, require_league, require_reader, require_role
from services.common.errors import (
    AlreadyExistsError,
    ConcurrencyError,
    DeadlineError,
    FailedPreconditionError,
    NotFoundError,
    ValidationError,
    Violations,
)
from services.common.events import Metadata, StoredEvent
from services.common.eventstore import EventStore
from services.common.grpc_server import command_metadata
from services.common.names import check_name
from services.common.projection import read_document
from services.common.readmodel import DocumentStore
from services.common.readmodel.fold import FoldedDocuments
from services.registry import checks, industry, names, numbers, resources
from services.registry.domain import (
    Chamber,
    CommitteeMember,
    Enterprise,
    EnterpriseDetails,
    Federation,
    GroupStandard,
    NumberClaim,
    RegistryAggregate,
    SelfDeclaration,
    TrainingBatch,
    league_of_division,
)
from services.registry.imports import EnterpriseImport
from services.registry.policy import RegistryPolicy
from services.registry.projections import (
    CHAMBERS,
    COMMITTEE_MEMBERS,
    DECLARATIONS,
    ENTERPRISES,
    FEDERATIONS,
    FORERUNNERS,
    GROUP_STANDARDS,
    LEADERS,
    TRAINING_BATCHES,
    RegistryViews,
    group_standard_state,
    sector_flag,
)
from services.registry.rebuild import Replay
from services.registry.streams import Streams

M = TypeVar("M", bound=Message)
A = TypeVar("A", bound=RegistryAggregate)
Context = grpc.ServicerContext

#: Civil dates of the plan are Beijing time (UTC+8, no daylight saving).
CHINA = timezone(timedelta(hours=8))
MAX_STATEMENT = 5000
MAX_REPORT = 20_000
#: Each kind of resource name: its pattern and the form a violation shows.
NAME_FORMS = {
    "federation": (names.FEDERATION, "federations/{division_code}"),
    "member": (names.COMMITTEE_MEMBER, "committee/members/{member_id}"),
    "chamber": (names.CHAMBER, "chambers/{org_code}"),
    "group_standard": (names.GROUP_STANDARD, "chambers/{org_code}/groupStandards/{standard_id}"),
    "leader": (names.LEADER, "chambers/{org_code}/groupStandards/{standard_id}/leaders/{year}"),
    "declaration": (names.DECLARATION, "enterprises/{uscc}/declarations/{declaration_id}"),
    "training_batch": (names.TRAINING_BATCH, "trainingBatches/{batch_id}"),
}


def china_today() -> date:
    return datetime.now(CHINA).date()


def _known_division(code: str) -> bool:
    return code == divisions.REGION_CODE or divisions.is_league(code) or divisions.is_county(code)


def _readable(league_code: str) -> str | None:
    """The league a document is read under; None for region-level documents (no league applies)."""
    return None if league_code in ("", divisions.REGION_CODE) else league_code


class RegistryApi(api_grpc.RegistryServiceServicer):
    def __init__(self, store: EventStore, docs: DocumentStore, policy: RegistryPolicy, read_timeout: float,
                 today: Callable[[], date] = china_today):
        self.store = store
        self.streams = Streams(store)
        self.docs = docs
        self.policy = policy
        self.read_timeout = read_timeout
        self.today = today
        self.changes_of = Replay(RegistryViews())

    # ------------------------------------------------------------------------------------------
    # Plumbing shared by the methods.

    def _command(self, context: Context, factory: Callable[[str], A], name: str, change: Callable[[A], object],
                 answer: Callable[[Sequence[StoredEvent]], M]) -> M:
        """The shape of a command once its fields and the caller's right are checked: load the aggregate
        `name`, let `change` decide, save its events, and answer from its whole stream."""
        aggregate, history = self.streams.load_with_history(factory, name)
        change(aggregate)
        appended = self.streams.save(command_metadata(context), aggregate)
        return answer([*history, *appended])

    def _create(self, context: Context, aggregate: A, answer: Callable[[Sequence[StoredEvent]], M]) -> M:
        """A command that starts a new stream without reading it first: the append expects NO_STREAM, so
        the store refuses a stream that exists (a taken key) and the command ends as ALREADY_EXISTS."""
        try:
            appended = self.streams.save(command_metadata(context), aggregate)
        except ConcurrencyError:
            raise AlreadyExistsError(f"{aggregate.stream_id} already exists") from None
        return answer(appended)

    def _answer(self, history: Sequence[StoredEvent], collection: str, build: Callable[[dict, FoldedDocuments], M],
                key: str = "") -> M:
        """The resource `key` (by default the stream's own) as the read model will show it once it has
        the stream's events `history`."""
        assert history, "a command answers about a stream that has events"
        view = FoldedDocuments(self.changes_of(history))
        key = key or history[0].stream_id
        document = view.get(collection, key)
        assert document is not None, f"{key} has no document after its command"
        return build(document, view)

    def _get(self, collection: str, name: str, min_version: int) -> dict[str, Any]:
        document = read_document(self.docs, collection, name, min_version, self.read_timeout)
        require_reader(_readable(document.get("league_code", "")))
        return document

    def _page(self, request: Any, collection: str, query: dict[str, Any], leagued: bool = True) -> tuple[list[dict], str]:
        """One page of a list (keyset paging); a partner reads only its leagues and the region level."""
        league = query.get("league_code")
        caller = require_reader(_readable(league) if isinstance(league, str) else None)
        if leagued and "league_code" not in query and caller.role == Role.PARTNER and caller.leagues:
            query = {**query, "league_code": {"$in": [*sorted(caller.leagues), "", divisions.REGION_CODE]}}
        size = validation.page_size(request.page_size)
        after = validation.decode_page_token(request.page_token, query)
        documents = self.docs.find(collection, query, after_key=after, limit=size + 1)
        token = validation.encode_page_token(documents[size - 1]["_key"], query) if len(documents) > size else ""
        return documents[:size], token

    def _as_of(self, violations: Violations, value: str) -> date:
        return validation.check_date(violations, "as_of", value, required=False) or self.today()

    @staticmethod
    def _name(violations: Violations, value: str, kind: str, field: str = "name") -> Any:
        """The parts of a resource name of this kind; None (with a violation) when it is not one."""
        pattern, form = NAME_FORMS[kind]
        return check_name(violations, field, value, pattern, form)

    @staticmethod
    def _filters(violations: Violations, request: Any, sector: bool = False) -> dict[str, Any]:
        """The league (and plan-sector) filters most lists share."""
        query: dict[str, Any] = {}
        if request.league_code:
            validation.check_league(violations, "league_code", request.league_code)
            query["league_code"] = request.league_code
        if sector and checks.enum(violations, "plan_sector", request.plan_sector, plan.PlanSector, required=False):
            query[sector_flag(request.plan_sector)] = True
        return query

    # ------------------------------------------------------------------------------------------
    # Federations and the committee.

    def _federation(self, history: Sequence[StoredEvent]) -> api.Federation:
        return self._answer(history, FEDERATIONS, lambda d, _: resources.federation(d))

    def RegisterFederation(self, request: api.RegisterFederationRequest, context: Context) -> api.Federation:
        violations = Violations()
        code = request.division_code
        violations.check(_known_division(code), "division_code",
                         f"not 150000 or a GB/T 2260 league/city or banner/county code of Inner Mongolia: {code[:20]!r}")
        display_name = checks.optional_text(violations, "display_name", request.display_name, checks.MAX_NAME)
        registered_on = validation.check_date(violations, "registered_on", request.registered_on)
        violations.raise_if_any()
        require_role(Role.REGION)
        parent_name = Federation.parent_of(code)
        parent = self.streams.load(Federation, parent_name) if parent_name else None
        return self._command(context, Federation, names.federation_name(code),
                             lambda f: f.register(code, display_name, registered_on, parent), self._federation)

    def GetFederation(self, request: api.GetFederationRequest, context: Context) -> api.Federation:
        violations = Violations()
        self._name(violations, request.name, "federation")
        violations.raise_if_any()
        return resources.federation(self._get(FEDERATIONS, request.name, request.min_version))

    def ListFederations(self, request: api.ListFederationsRequest, context: Context) -> api.ListFederationsResponse:
        violations = Violations()
        query = self._filters(violations, request)
        if checks.enum(violations, "level", request.level, events.FederationLevel, required=False):
            query["level"] = events.FederationLevel.Name(request.level)
        violations.raise_if_any()
        documents, token = self._page(request, FEDERATIONS, query)
        return api.ListFederationsResponse(federations=[resources.federation(d) for d in documents], next_page_token=token)

    def _member(self, history: Sequence[StoredEvent]) -> api.CommitteeMember:
        return self._answer(history, COMMITTEE_MEMBERS, lambda d, _: resources.committee_member(d))

    def AppointCommitteeMember(self, request: api.AppointCommitteeMemberRequest, context: Context) -> api.CommitteeMember:
        violations = Violations()
        checks.resource_id(violations, "member_id", request.member_id)
        person_name = checks.text(violations, "person_name", request.person_name, 100)
        organisation = checks.text(violations, "organisation", request.organisation, checks.MAX_NAME)
        group = checks.enum(violations, "group", request.group, events.CommitteeGroup)
        appointed_on = validation.check_date(violations, "appointed_on", request.appointed_on)
        violations.raise_if_any()
        require_role(Role.REGION)
        return self._command(context, CommitteeMember, names.committee_member_name(request.member_id),
                             lambda m: m.appoint(person_name, organisation, group, appointed_on), self._member)

    def RemoveCommitteeMember(self, request: api.RemoveCommitteeMemberRequest, context: Context) -> api.CommitteeMember:
        violations = Violations()
        self._name(violations, request.name, "member")
        removed_on = validation.check_date(violations, "removed_on", request.removed_on)
        reason = checks.optional_text(violations, "reason", request.reason)
        violations.raise_if_any()
        require_role(Role.REGION)
        return self._command(context, CommitteeMember, request.name, lambda m: m.remove(removed_on, reason), self._member)

    def GetCommitteeMember(self, request: api.GetCommitteeMemberRequest, context: Context) -> api.CommitteeMember:
        violations = Violations()
        self._name(violations, request.name, "member")
        violations.raise_if_any()
        return resources.committee_member(self._get(COMMITTEE_MEMBERS, request.name, request.min_version))

    def ListCommitteeMembers(self, request: api.ListCommitteeMembersRequest, context: Context) -> api.ListCommitteeMembersResponse:
        violations = Violations()
        query: dict[str, Any] = {} if request.include_removed else {"active": True}
        if checks.enum(violations, "group", request.group, events.CommitteeGroup, required=False):
            query["group"] = events.CommitteeGroup.Name(request.group)
        violations.raise_if_any()
        documents, token = self._page(request, COMMITTEE_MEMBERS, query, leagued=False)
        return api.ListCommitteeMembersResponse(
            committee_members=[resources.committee_member(d) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Chambers.

    def _chamber(self, history: Sequence[StoredEvent]) -> api.Chamber:
        return self._answer(history, CHAMBERS, lambda d, _: resources.chamber(d))

    def RegisterChamber(self, request: api.RegisterChamberRequest, context: Context) -> api.Chamber:
        violations = Violations()
        validation.check_org_code(violations, "org_code", request.org_code)
        display_name = checks.text(violations, "display_name", request.display_name, checks.MAX_NAME)
        federation_name = self._name(violations, request.federation, "federation", "federation")
        if federation_name and not _known_division(federation_name["division_code"]):
            violations.add("federation", "not the federation of a GB/T 2260 division of Inner Mongolia")
        sectors = checks.plan_sectors(violations, "plan_sectors", request.plan_sectors)
        registered_on = validation.check_date(violations, "registered_on", request.registered_on)
        violations.raise_if_any()
        require_league(league_of_division(federation_name["division_code"]))
        federation = self.streams.load(Federation, request.federation)
        return self._command(context, Chamber, names.chamber_name(request.org_code),
                             lambda c: c.register(request.org_code, display_name, federation, sectors, registered_on),
                             self._chamber)

    def _change_chamber(self, context: Context, name: str, change: Callable[[Chamber], None],
                        region_only: bool = False) -> api.Chamber:
        if region_only:
            require_role(Role.REGION)
        else:
            require_chamber(name.removeprefix("chambers/"))
        return self._command(context, Chamber, name, change, self._chamber)

    def SelectChamberAsPilot(self, request: api.SelectChamberAsPilotRequest, context: Context) -> api.Chamber:
        violations = Violations()
        self._name(violations, request.name, "chamber")
        year = checks.plan_year(violations, "year", request.year)
        selected_on = validation.check_date(violations, "selected_on", request.selected_on)
        violations.raise_if_any()
        return self._change_chamber(context, request.name, lambda c: c.select_as_pilot(year, selected_on), region_only=True)

    def DeclareChamberCommitment(self, request: api.DeclareChamberCommitmentRequest, context: Context) -> api.Chamber:
        violations = Violations()
        self._name(violations, request.name, "chamber")
        declared_on = validation.check_date(violations, "declared_on", request.declared_on)
        statement = checks.text(violations, "statement", request.statement, MAX_STATEMENT)
        violations.raise_if_any()
        return self._change_chamber(context, request.name, lambda c: c.declare_commitment(declared_on, statement))

    def RegisterChamberOnPlatform(self, request: api.RegisterChamberOnPlatformRequest, context: Context) -> api.Chamber:
        violations = Violations()
        self._name(violations, request.name, "chamber")
        registered_on = validation.check_date(violations, "registered_on", request.registered_on)
        account = checks.text(violations, "platform_account", request.platform_account, 100)
        violations.raise_if_any()
        return self._change_chamber(context, request.name, lambda c: c.register_on_platform(registered_on, account))

    def GetChamber(self, request: api.GetChamberRequest, context: Context) -> api.Chamber:
        violations = Violations()
        self._name(violations, request.name, "chamber")
        violations.raise_if_any()
        return resources.chamber(self._get(CHAMBERS, request.name, request.min_version))

    def ListChambers(self, request: api.ListChambersRequest, context: Context) -> api.ListChambersResponse:
        violations = Violations()
        query = self._filters(violations, request, sector=True)
        if request.pilot_year:
            query["pilot_year"] = checks.plan_year(violations, "pilot_year", request.pilot_year)
        if request.good_behaviour_conforms:
            query["good_behaviour_conforms"] = True
        violations.raise_if_any()
        documents, token = self._page(request, CHAMBERS, query)
        return api.ListChambersResponse(chambers=[resources.chamber(d) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Enterprises.

    def _enterprise(self, history: Sequence[StoredEvent]) -> api.Enterprise:
        return self._answer(history, ENTERPRISES, resources.enterprise)

    @staticmethod
    def _details(violations: Violations, request: Any) -> EnterpriseDetails:
        display_name = checks.text(violations, "display_name", request.display_name, checks.MAX_NAME)
        validation.league_of_division(violations, "division_code", request.division_code)
        sectors = checks.industry_and_sectors(violations, request.industry_section, request.industry_division,
                                              request.plan_sectors)
        size_class = checks.enum(violations, "size_class", request.size_class, events.SizeClass)
        return EnterpriseDetails(display_name, request.division_code, request.industry_section,
                                 request.industry_division, sectors, size_class)

    @classmethod
    def _registration(cls, request: api.RegisterEnterpriseRequest,
                      may_act_for: Callable[[str], object] = require_league) -> tuple[str, EnterpriseDetails, date]:
        """The checked fields of a registration: RegisterEnterprise's, and each record of an import's (whose
        `may_act_for` is `require_league` remembering the leagues it allowed, as the caller is one)."""
        violations = Violations()
        uscc = validation.check_uscc(violations, "uscc", request.uscc)
        details = cls._details(violations, request)
        registered_on = validation.check_date(violations, "registered_on", request.registered_on)
        violations.raise_if_any()
        may_act_for(details.league_code)
        return uscc, details, registered_on

    def RegisterEnterprise(self, request: api.RegisterEnterpriseRequest, context: Context) -> api.Enterprise:
        uscc, details, registered_on = self._registration(request)
        enterprise = Enterprise(names.enterprise_name(uscc))
        enterprise.register(uscc, details, request.is_private, registered_on)
        return self._create(context, enterprise, self._enterprise)

    def ImportEnterprises(self, requests: Iterator[api.ImportEnterprisesRequest], context: Context) -> api.ImportEnterprisesResponse:
        """Each record is checked as RegisterEnterprise checks it; refused records are reported, not fatal."""
        require_role(Role.REGION, Role.LEAGUE)
        importer = EnterpriseImport(self.store, command_metadata(context))
        may_act_for = functools.cache(require_league)  # a refusal raises, so only allowed leagues are remembered
        for index, record in importer.records(requests):
            try:
                uscc, details, registered_on = self._registration(record.enterprise, may_act_for)
            except (ValidationError, PermissionDeniedError) as refused:
                importer.refuse(index, record, refused)
                continue
            enterprise = Enterprise(names.enterprise_name(uscc))
            enterprise.register(uscc, details, record.enterprise.is_private, registered_on)
            importer.add(index, record, enterprise)
        return importer.finish()

    def _change_enterprise(self, context: Context, name: str, change: Callable[[Enterprise], None]) -> api.Enterprise:
        """A change of an existing enterprise the caller acts for (its league's federation, or the region)."""
        require_role(Role.REGION, Role.LEAGUE)  # before the load: other roles learn nothing of the enterprise

        def checked(enterprise: Enterprise) -> None:
            enterprise.require_exists()
            require_league(enterprise.league_code)
            change(enterprise)

        return self._command(context, Enterprise, name, checked, self._enterprise)

    def ChangeEnterpriseDetails(self, request: api.ChangeEnterpriseDetailsRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        details = self._details(violations, request)
        changed_on = validation.check_date(violations, "changed_on", request.changed_on)
        violations.raise_if_any()
        require_league(details.league_code)  # a move to another league needs both leagues' right
        return self._change_enterprise(context, name, lambda e: e.change_details(details, changed_on))

    def JoinChamber(self, request: api.JoinChamberRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        self._name(violations, request.chamber, "chamber", "chamber")
        joined_on = validation.check_date(violations, "joined_on", request.joined_on)
        violations.raise_if_any()
        chamber = self.streams.load(Chamber, request.chamber)
        return self._change_enterprise(context, name, lambda e: e.join_chamber(chamber, joined_on))

    def LeaveChamber(self, request: api.LeaveChamberRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        self._name(violations, request.chamber, "chamber", "chamber")
        left_on = validation.check_date(violations, "left_on", request.left_on)
        violations.raise_if_any()
        return self._change_enterprise(context, name, lambda e: e.leave_chamber(request.chamber, left_on))

    def EnrolInBrandPilot(self, request: api.EnrolInBrandPilotRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        year = checks.plan_year(violations, "year", request.year)
        enrolled_on = validation.check_date(violations, "enrolled_on", request.enrolled_on)
        violations.raise_if_any()
        return self._change_enterprise(context, name, lambda e: e.enrol_in_brand_pilot(year, enrolled_on))

    def WithdrawFromBrandPilot(self, request: api.WithdrawFromBrandPilotRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        withdrawn_on = validation.check_date(violations, "withdrawn_on", request.withdrawn_on)
        reason = checks.optional_text(violations, "reason", request.reason)
        violations.raise_if_any()
        return self._change_enterprise(context, name, lambda e: e.withdraw_from_brand_pilot(withdrawn_on, reason))

    def GetEnterprise(self, request: api.GetEnterpriseRequest, context: Context) -> api.Enterprise:
        violations = Violations()
        name = checks.enterprise(violations, "name", request.name)
        violations.raise_if_any()
        return resources.enterprise(self._get(ENTERPRISES, name, request.min_version), self.docs)

    def ListEnterprises(self, request: api.ListEnterprisesRequest, context: Context) -> api.ListEnterprisesResponse:
        violations = Violations()
        query = self._filters(violations, request, sector=True)
        if request.industry_section:
            violations.check(industry.is_section(request.industry_section), "industry_section",
                             "must be a GB/T 4754-2017 section letter A to T")
            query["industry_section"] = request.industry_section
        if checks.enum(violations, "size_class", request.size_class, events.SizeClass, required=False):
            query["size_class"] = events.SizeClass.Name(request.size_class)
        if request.brand_pilot_year:
            query.update(brand_pilot_year=checks.plan_year(violations, "brand_pilot_year", request.brand_pilot_year),
                         in_brand_pilot=True)
        if request.private_only:
            query["is_private"] = True
        violations.raise_if_any()
        documents, token = self._page(request, ENTERPRISES, query)
        return api.ListEnterprisesResponse(enterprises=[resources.enterprise(d) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Group standards.

    def _standard(self, history: Sequence[StoredEvent]) -> api.GroupStandard:
        today = self.today()
        return self._answer(history, GROUP_STANDARDS, lambda d, docs: resources.group_standard(d, today, docs))

    def _change_standard(self, context: Context, name: str, change: Callable[[GroupStandard], None],
                         region_only: bool = False, answer: Callable[[Sequence[StoredEvent]], M] | None = None) -> M:
        """Chamber steps need the chamber (or the region); the region's own steps need the region.
        Answers with the standard, or with `answer` (a leader of it)."""
        if region_only:
            require_role(Role.REGION)
        else:
            require_chamber(names.GROUP_STANDARD.fullmatch(name)["org_code"])
        return self._command(context, GroupStandard, name, change, answer or self._standard)

    def ProposeGroupStandard(self, request: api.ProposeGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        parent = self._name(violations, request.parent, "chamber", "parent")
        checks.resource_id(violations, "standard_id", request.standard_id)
        title = checks.text(violations, "title", request.title, checks.MAX_NAME)
        scope = checks.text(violations, "scope", request.scope, MAX_STATEMENT)
        sectors = checks.plan_sectors(violations, "plan_sectors", request.plan_sectors)
        proposed_on = validation.check_date(violations, "proposed_on", request.proposed_on)
        key_field = checks.optional_text(violations, "forerunner_key_field", request.forerunner_key_field, checks.MAX_NAME)
        if request.forerunner_year or key_field:
            checks.year(violations, "forerunner_year", request.forerunner_year)
            violations.check(bool(key_field), "forerunner_key_field", "required with forerunner_year: the key field (重点领域)")
        violations.raise_if_any()
        require_chamber(parent["org_code"])
        chamber = self.streams.load(Chamber, request.parent)
        return self._command(context, GroupStandard, names.group_standard_name(parent["org_code"], request.standard_id),
                             lambda s: s.propose(chamber, title, scope, sectors, proposed_on, request.forerunner_year,
                                                 key_field), self._standard)

    def ApproveGroupStandardForDrafting(self, request: api.ApproveGroupStandardForDraftingRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        approved_on = validation.check_date(violations, "approved_on", request.approved_on)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.approve_for_drafting(approved_on))

    def StartGroupStandardDrafting(self, request: api.StartGroupStandardDraftingRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        started_on = validation.check_date(violations, "started_on", request.started_on)
        violations.check(1 <= len(request.drafting_units) <= checks.MAX_ITEMS, "drafting_units",
                         f"1 to {checks.MAX_ITEMS} drafting units (起草单位)")
        units = [checks.text(violations, f"drafting_units[{i}]", unit, checks.MAX_NAME)
                 for i, unit in enumerate(request.drafting_units)]
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.start_drafting(started_on, units))

    def OpenGroupStandardComment(self, request: api.OpenGroupStandardCommentRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        opened_on = validation.check_date(violations, "opened_on", request.opened_on)
        closes_on = validation.check_date(violations, "closes_on", request.closes_on)
        if opened_on and closes_on:
            violations.check(closes_on > opened_on, "closes_on", "must be after opened_on")
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.open_comment(opened_on, closes_on, self.policy))

    def ReviewGroupStandard(self, request: api.ReviewGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        reviewed_on = validation.check_date(violations, "reviewed_on", request.reviewed_on)
        violations.check(request.comments_received >= 0, "comments_received", "must not be negative")
        violations.check(request.votes_cast >= 1, "votes_cast", "at least one vote")
        violations.check(0 <= request.votes_for <= max(request.votes_cast, 0), "votes_for", "from 0 to votes_cast")
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.review(
            reviewed_on, request.comments_received, request.votes_for, request.votes_cast, self.policy))

    def ApproveGroupStandard(self, request: api.ApproveGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        approved_on = validation.check_date(violations, "approved_on", request.approved_on)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.approve(approved_on))

    def PublishGroupStandard(self, request: api.PublishGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        match = self._name(violations, request.name, "group_standard")
        violations.check(1 <= request.sequence <= 9999, "sequence", "must be from 1 to 9999")
        violations.check(0 <= request.sequence_digits <= 4, "sequence_digits", "must be from 0 to 4")
        published_on = validation.check_date(violations, "published_on", request.published_on)
        effective_on = validation.check_date(violations, "effective_on", request.effective_on, required=False)
        checks.not_before(violations, "effective_on", effective_on, published_on, "published_on")
        violations.raise_if_any()
        require_chamber(match["org_code"])
        standard, history = self.streams.load_with_history(GroupStandard, request.name)
        event = standard.publish(request.sequence, request.sequence_digits, published_on, effective_on, self.policy)
        claim = names.group_standard_number_claim(match["org_code"], request.sequence, published_on.year)
        metadata = command_metadata(context)
        with self._claimed(metadata, claim, event.number, request.name, published_on):
            appended = self.streams.save(metadata, standard)
        return self._standard([*history, *appended])

    @contextmanager
    def _claimed(self, metadata: Metadata, claim_stream: str, number: str, owner: str, on: date) -> Iterator[None]:
        """Holds `number` for `owner` while the body saves; gives it back if the body fails."""
        claim = self.streams.load(NumberClaim, claim_stream)
        if not claim.claim(number, owner, on):
            yield
            return
        try:
            self.streams.save(metadata, claim)
        except ConcurrencyError:
            raise AlreadyExistsError(f"{number} was just taken by another writer") from None
        try:
            yield
        except Exception:
            self._release(metadata, claim_stream, number, owner, on)
            raise

    def _release(self, metadata: Metadata, claim_stream: str, number: str, owner: str, on: date) -> None:
        self.streams.change(NumberClaim, claim_stream, lambda c: c.release(number, owner, on), metadata)

    def StartGroupStandardPeriodicReview(self, request: api.StartGroupStandardPeriodicReviewRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        started_on = validation.check_date(violations, "started_on", request.started_on)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.start_periodic_review(started_on))

    def ConcludeGroupStandardPeriodicReview(self, request: api.ConcludeGroupStandardPeriodicReviewRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        outcome = checks.enum(violations, "outcome", request.outcome, events.PeriodicReviewOutcome)
        concluded_on = validation.check_date(violations, "concluded_on", request.concluded_on)
        report = checks.text(violations, "report", request.report, MAX_REPORT)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.conclude_periodic_review(
            outcome, concluded_on, report, self.policy))

    def AbolishGroupStandard(self, request: api.AbolishGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        abolished_on = validation.check_date(violations, "abolished_on", request.abolished_on)
        reason = checks.text(violations, "reason", request.reason)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.abolish(abolished_on, reason))

    def RequestGroupStandardConversion(self, request: api.RequestGroupStandardConversionRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        checks.resource_id(violations, "request_id", request.request_id)
        level = checks.enum(violations, "target_level", request.target_level, events.StandardLevel)
        requested_on = validation.check_date(violations, "requested_on", request.requested_on)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.request_conversion(request.request_id, level, requested_on))

    def DecideGroupStandardConversion(self, request: api.DecideGroupStandardConversionRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        checks.resource_id(violations, "request_id", request.request_id)
        decided_on = validation.check_date(violations, "decided_on", request.decided_on)
        converted = ""
        if request.accepted:
            converted = numbers.normalize(request.converted_number)
            violations.check(any(form.fullmatch(converted) for form in numbers.CONVERTED_FORMS.values()), "converted_number",
                             "required when accepted: a national (GB…), industry (XX/T …) or Inner Mongolia local (DB15…) number")
        else:
            violations.check(not request.converted_number, "converted_number", "only when accepted")
        reason = (checks.optional_text if request.accepted else checks.text)(violations, "reason", request.reason)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.decide_conversion(
            request.request_id, request.accepted, decided_on, converted, reason), region_only=True)

    def RecordGroupStandardTranslation(self, request: api.RecordGroupStandardTranslationRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        self._name(violations, request.name, "group_standard")
        language = checks.language(violations, "language", request.language)
        translator = checks.text(violations, "translator", request.translator, checks.MAX_NAME)
        published_on = validation.check_date(violations, "published_on", request.published_on)
        violations.raise_if_any()
        return self._change_standard(context, request.name, lambda s: s.record_translation(language, translator, published_on))

    def GetGroupStandard(self, request: api.GetGroupStandardRequest, context: Context) -> api.GroupStandard:
        violations = Violations()
        number = ""
        if request.number:
            number = checks.standard_number(violations, "number", request.number, numbers.GROUP,
                                            "a group standard number T/<org> NNN—YYYY")
            violations.check(not request.name, "name", "give either name or number, not both")
        else:
            self._name(violations, request.name, "group_standard")
        as_of = self._as_of(violations, request.as_of)
        violations.raise_if_any()
        name = self._name_of_number(number, request.min_version) if number else request.name
        return resources.group_standard(self._get(GROUP_STANDARDS, name, request.min_version), as_of, self.docs)

    def _name_of_number(self, number: str, min_version: int) -> str:
        """The standard published under `number`; with `min_version`, waits for it to appear."""
        deadline = time.monotonic() + self.read_timeout
        delay = 0.005
        while not (found := self.docs.find(GROUP_STANDARDS, {"number": number}, limit=1)):
            if min_version <= 0:
                raise NotFoundError(f"no group standard is published as {number}")
            if time.monotonic() >= deadline:
                raise DeadlineError(f"{number} has not reached the read model yet")
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        return found[0]["_key"]

    def ListGroupStandards(self, request: api.ListGroupStandardsRequest, context: Context) -> api.ListGroupStandardsResponse:
        violations = Violations()
        query = self._filters(violations, request, sector=True)
        as_of = self._as_of(violations, request.as_of)
        if request.org_code:
            validation.check_org_code(violations, "org_code", request.org_code)
            query["org_code"] = request.org_code
        if request.year:
            query["year"] = checks.year(violations, "year", request.year)
        if request.forerunner_year:
            query["forerunner_year"] = checks.year(violations, "forerunner_year", request.forerunner_year)
        if request.forerunner_key_field:
            query["forerunner_key_field"] = request.forerunner_key_field.strip()
        if request.review_due_by:
            if due_by := validation.check_date(violations, "review_due_by", request.review_due_by):
                query["review_due_on"] = {"$lte": due_by.isoformat()}
                query["state"] = group_standard_state("PUBLISHED")
        if checks.enum(violations, "state", request.state, api.GroupStandardState, required=False):
            query.update(self._state_query(request.state, as_of))
        violations.raise_if_any()
        documents, token = self._page(request, GROUP_STANDARDS, query)
        return api.ListGroupStandardsResponse(
            group_standards=[resources.group_standard(d, as_of) for d in documents], next_page_token=token)

    @staticmethod
    def _state_query(state: int, as_of: date) -> dict[str, Any]:
        """PUBLISHED and IN_FORCE split the stored PUBLISHED state at the effective date."""
        if state == api.GROUP_STANDARD_STATE_IN_FORCE:
            return {"state": group_standard_state("PUBLISHED"), "effective_on": {"$lte": as_of.isoformat()}}
        if state == api.GROUP_STANDARD_STATE_PUBLISHED:
            return {"state": group_standard_state("PUBLISHED"), "effective_on": {"$gt": as_of.isoformat()}}
        return {"state": api.GroupStandardState.Name(state)}

    # ------------------------------------------------------------------------------------------
    # Leaders.

    def _leader(self, group_standard: str, year: int) -> Callable[[Sequence[StoredEvent]], api.Leader]:
        """The answer of a leader command: the leader of that year, a part of the standard's stream."""
        key = names.leader_name(group_standard, year)
        return lambda history: self._answer(history, LEADERS, lambda d, _: resources.leader(d), key)

    def RecommendLeader(self, request: api.RecommendLeaderRequest, context: Context) -> api.Leader:
        violations = Violations()
        self._name(violations, request.group_standard, "group_standard", "group_standard")
        year = checks.year(violations, "year", request.year)
        recommended_on = validation.check_date(violations, "recommended_on", request.recommended_on)
        violations.raise_if_any()
        return self._change_standard(context, request.group_standard, lambda s: s.recommend_leader(year, recommended_on),
                                     region_only=True, answer=self._leader(request.group_standard, year))

    def _change_leader(self, context: Context, name: str, change: Callable[[GroupStandard, int], None]) -> api.Leader:
        match = names.LEADER.fullmatch(name)
        year = int(match["year"])
        return self._change_standard(context, match["group_standard"], lambda s: change(s, year), region_only=True,
                                     answer=self._leader(match["group_standard"], year))

    def RecordLeaderListing(self, request: api.RecordLeaderListingRequest, context: Context) -> api.Leader:
        violations = Violations()
        self._name(violations, request.name, "leader")
        listed_on = validation.check_date(violations, "listed_on", request.listed_on)
        violations.raise_if_any()
        return self._change_leader(context, request.name, lambda s, year: s.record_leader_listing(year, listed_on))

    def RevokeLeader(self, request: api.RevokeLeaderRequest, context: Context) -> api.Leader:
        violations = Violations()
        self._name(violations, request.name, "leader")
        revoked_on = validation.check_date(violations, "revoked_on", request.revoked_on)
        reason = checks.text(violations, "reason", request.reason)
        violations.raise_if_any()
        return self._change_leader(context, request.name, lambda s, year: s.revoke_leader(year, revoked_on, reason))

    def ListLeaders(self, request: api.ListLeadersRequest, context: Context) -> api.ListLeadersResponse:
        violations = Violations()
        query = self._filters(violations, request)
        if request.year:
            query["year"] = checks.year(violations, "year", request.year)
        if checks.enum(violations, "state", request.state, api.LeaderState, required=False):
            query["state"] = api.LeaderState.Name(request.state)
        violations.raise_if_any()
        documents, token = self._page(request, LEADERS, query)
        return api.ListLeadersResponse(leaders=[resources.leader(d) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Self-declarations.

    def _declaration(self, history: Sequence[StoredEvent]) -> api.SelfDeclaration:
        return self._answer(history, DECLARATIONS, lambda d, _: resources.self_declaration(d))

    def DeclareStandard(self, request: api.DeclareStandardRequest, context: Context) -> api.SelfDeclaration:
        violations = Violations()
        parent = checks.enterprise(violations, "parent", request.parent)
        checks.resource_id(violations, "declaration_id", request.declaration_id)
        content = checks.declaration_content(violations, "content", request.content)
        disclosed_on = validation.check_date(violations, "disclosed_on", request.disclosed_on)
        violations.raise_if_any()
        require_role(Role.REGION, Role.LEAGUE)  # before the load: other roles learn nothing of the enterprise
        enterprise = self.streams.load(Enterprise, parent)
        if enterprise.exists:
            require_league(enterprise.league_code)
        uscc = parent.removeprefix("enterprises/")
        declaration, history = self.streams.load_with_history(SelfDeclaration, names.declaration_name(uscc, request.declaration_id))
        declaration.declare(enterprise, content, disclosed_on)
        claim = names.declared_number_claim(uscc, content.standard_number)
        metadata = command_metadata(context)
        with self._claimed(metadata, claim, content.standard_number, declaration.stream_id, disclosed_on):
            appended = self.streams.save(metadata, declaration)
        return self._declaration([*history, *appended])

    def _open_declaration(self, name: str) -> tuple[SelfDeclaration, list[StoredEvent]]:
        require_role(Role.REGION, Role.LEAGUE)  # before the load: other roles learn nothing of the declaration
        declaration, history = self.streams.load_with_history(SelfDeclaration, name)
        declaration.require_exists()
        require_league(declaration.league_code)
        return declaration, history

    def UpdateSelfDeclaration(self, request: api.UpdateSelfDeclarationRequest, context: Context) -> api.SelfDeclaration:
        violations = Violations()
        match = self._name(violations, request.name, "declaration")
        content = checks.declaration_content(violations, "content", request.content)
        updated_on = validation.check_date(violations, "updated_on", request.updated_on)
        violations.raise_if_any()
        declaration, history = self._open_declaration(request.name)
        previous = declaration.number
        declaration.update(content, updated_on)
        metadata = command_metadata(context)
        if content.standard_number == previous:
            appended = self.streams.save(metadata, declaration)
        else:
            claim = names.declared_number_claim(match["uscc"], content.standard_number)
            with self._claimed(metadata, claim, content.standard_number, request.name, updated_on):
                appended = self.streams.save(metadata, declaration)
            self._release(metadata, names.declared_number_claim(match["uscc"], previous), previous, request.name, updated_on)
        return self._declaration([*history, *appended])

    def WithdrawSelfDeclaration(self, request: api.WithdrawSelfDeclarationRequest, context: Context) -> api.SelfDeclaration:
        violations = Violations()
        match = self._name(violations, request.name, "declaration")
        withdrawn_on = validation.check_date(violations, "withdrawn_on", request.withdrawn_on)
        reason = checks.optional_text(violations, "reason", request.reason)
        violations.raise_if_any()
        declaration, history = self._open_declaration(request.name)
        declaration.withdraw(withdrawn_on, reason)
        metadata = command_metadata(context)
        appended = self.streams.save(metadata, declaration)
        number = declaration.number
        self._release(metadata, names.declared_number_claim(match["uscc"], number), number, request.name, withdrawn_on)
        return self._declaration([*history, *appended])

    def GetSelfDeclaration(self, request: api.GetSelfDeclarationRequest, context: Context) -> api.SelfDeclaration:
        violations = Violations()
        self._name(violations, request.name, "declaration")
        violations.raise_if_any()
        return resources.self_declaration(self._get(DECLARATIONS, request.name, request.min_version))

    def ListSelfDeclarations(self, request: api.ListSelfDeclarationsRequest, context: Context) -> api.ListSelfDeclarationsResponse:
        violations = Violations()
        query = self._filters(violations, request)
        if request.enterprise:
            query["enterprise"] = checks.enterprise(violations, "enterprise", request.enterprise)
        if checks.enum(violations, "kind", request.kind, events.DeclaredStandardKind, required=False):
            query["kind"] = events.DeclaredStandardKind.Name(request.kind)
        if checks.enum(violations, "state", request.state, api.SelfDeclarationState, required=False):
            query["state"] = api.SelfDeclarationState.Name(request.state)
        if request.standard_number:
            query["standard_number"] = numbers.normalize(request.standard_number)
        if request.key_field:
            query["key_field"] = request.key_field.strip()
        if request.year:
            query["disclosed_on"] = checks.within_year(checks.year(violations, "year", request.year))
        violations.raise_if_any()
        documents, token = self._page(request, DECLARATIONS, query)
        return api.ListSelfDeclarationsResponse(
            self_declarations=[resources.self_declaration(d) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Forerunners.

    def ListForerunners(self, request: api.ListForerunnersRequest, context: Context) -> api.ListForerunnersResponse:
        violations = Violations()
        query = self._filters(violations, request)
        as_of = self._as_of(violations, request.as_of)
        if request.year:
            query["year"] = checks.year(violations, "year", request.year)
        if request.key_field:
            query["key_field"] = request.key_field.strip()
        if request.enterprise:
            query["enterprise"] = checks.enterprise(violations, "enterprise", request.enterprise)
        if checks.enum(violations, "state", request.state, api.ForerunnerState, required=False):
            query.update({
                api.FORERUNNER_STATE_LISTED: {"state": "FORERUNNER_STATE_LISTED", "valid_until": {"$gte": as_of.isoformat()}},
                api.FORERUNNER_STATE_EXPIRED: {"state": "FORERUNNER_STATE_LISTED", "valid_until": {"$lt": as_of.isoformat()}},
                api.FORERUNNER_STATE_REVOKED: {"state": "FORERUNNER_STATE_REVOKED"},
            }[request.state])
        violations.raise_if_any()
        documents, token = self._page(request, FORERUNNERS, query)
        return api.ListForerunnersResponse(forerunners=[resources.forerunner(d, as_of) for d in documents], next_page_token=token)

    # ------------------------------------------------------------------------------------------
    # Training.

    def _batch(self, history: Sequence[StoredEvent]) -> api.TrainingBatch:
        return self._answer(history, TRAINING_BATCHES, resources.training_batch)

    def _require_registered(self, trainees: list[events.Trainee]) -> None:
        for enterprise in sorted({t.enterprise for t in trainees}):
            if not self.streams.load(Enterprise, enterprise).exists:
                raise FailedPreconditionError("ENTERPRISE_NOT_REGISTERED", f"{enterprise} is not registered")

    def RecordTrainingBatch(self, request: api.RecordTrainingBatchRequest, context: Context) -> api.TrainingBatch:
        violations = Violations()
        checks.resource_id(violations, "batch_id", request.batch_id)
        validation.check_league(violations, "league_code", request.league_code)
        training_format = checks.enum(violations, "format", request.format, events.TrainingFormat)
        title = checks.text(violations, "title", request.title, checks.MAX_NAME)
        held_on = validation.check_date(violations, "held_on", request.held_on)
        organiser = checks.text(violations, "organiser", request.organiser, checks.MAX_NAME)
        trainees = checks.trainees(violations, "trainees", request.trainees, required=False)
        violations.raise_if_any()
        require_league(request.league_code)
        def hold(batch: TrainingBatch) -> None:
            batch.require_new()
            self._require_registered(trainees)
            batch.hold(request.league_code, training_format, title, held_on, organiser, trainees)

        return self._command(context, TrainingBatch, names.training_batch_name(request.batch_id), hold, self._batch)

    def RecordTrainees(self, request: api.RecordTraineesRequest, context: Context) -> api.TrainingBatch:
        violations = Violations()
        self._name(violations, request.name, "training_batch")
        trainees = checks.trainees(violations, "trainees", request.trainees, required=True)
        violations.raise_if_any()
        require_role(Role.REGION, Role.LEAGUE)  # before the load: other roles learn nothing of the batch

        def record(batch: TrainingBatch) -> None:
            batch.require_exists()
            require_league(batch.league_code)
            self._require_registered(trainees)
            batch.record_trainees(trainees)

        return self._command(context, TrainingBatch, request.name, record, self._batch)

    def GetTrainingBatch(self, request: api.GetTrainingBatchRequest, context: Context) -> api.TrainingBatch:
        violations = Violations()
        self._name(violations, request.name, "training_batch")
        violations.raise_if_any()
        return resources.training_batch(self._get(TRAINING_BATCHES, request.name, request.min_version), self.docs)

    def ListTrainingBatches(self, request: api.ListTrainingBatchesRequest, context: Context) -> api.ListTrainingBatchesResponse:
        violations = Violations()
        query = self._filters(violations, request)
        if request.year:
            query["held_on"] = checks.within_year(checks.year(violations, "year", request.year))
        if checks.enum(violations, "format", request.format, events.TrainingFormat, required=False):
            query["format"] = events.TrainingFormat.Name(request.format)
        violations.raise_if_any()
        documents, token = self._page(request, TRAINING_BATCHES, query)
        return api.ListTrainingBatchesResponse(
            training_batches=[resources.training_batch(d) for d in documents], next_page_token=token)
