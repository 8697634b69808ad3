"""Registry aggregates: who takes part in the plan and which standards exist.

Each aggregate is one stream named by its resource name (`names.py`). Methods check the rules and
emit events; state changes only in `apply_<Event>`. Refusals: AlreadyExistsError for a resource
or natural key that exists, NotFoundError for a resource that does not, FailedPreconditionError
with an UPPER_SNAKE reason for a step the state does not allow (a group standard's illegal
transition reads `CANNOT_<STEP>_WHEN_<STATE>`).

Process-manager methods (good behaviour, forerunner listing) are idempotent: the same assessment
applied twice emits nothing the second time, so a redelivered assessment event changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

from google.protobuf.message import Message

from fedstd.registry.v1 import events_pb2 as events
from services.common import divisions
from services.common.aggregate import Aggregate
from services.common.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from services.registry import names, numbers
from services.registry.policy import RegistryPolicy

#: The years of the plan's implementation (内联发〔2021〕26号: 2021-10 to 2023-10).
PLAN_YEARS = (2021, 2022, 2023)
DATE_BEFORE_PREVIOUS_STEP = "DATE_BEFORE_PREVIOUS_STEP"


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def not_before(day: date, earlier: date | None, what: str) -> None:
    """Steps of one resource never go back in time."""
    if earlier is not None and day < earlier:
        raise FailedPreconditionError(DATE_BEFORE_PREVIOUS_STEP, f"{what} ({day}) is before the previous step ({earlier})")


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


class RegistryAggregate(Aggregate):
    """An aggregate that exists once its first event is stored."""

    @property
    def exists(self) -> bool:
        return self.version > 0

    def require_new(self) -> None:
        if self.exists:
            raise AlreadyExistsError(f"{self.stream_id} already exists")

    def require_exists(self) -> None:
        if not self.exists:
            raise NotFoundError(f"{self.stream_id} not found")


# ---------------------------------------------------------------------------------------------
# Federations and the committee.


class Federation(RegistryAggregate):
    """A federation of industry and commerce at region, league/city or banner/county level."""

    LEVELS = {
        "region": events.FEDERATION_LEVEL_REGION,
        "league": events.FEDERATION_LEVEL_LEAGUE,
        "county": events.FEDERATION_LEVEL_COUNTY,
    }

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.league_code = ""

    @staticmethod
    def parent_of(division_code: str) -> str:
        """The federation above one at this division: '' for the region."""
        parent = divisions.division(division_code).parent_code
        return names.federation_name(parent) if parent else ""

    def register(self, division_code: str, display_name: str, registered_on: date, parent: "Federation | None") -> None:
        self.require_new()
        division = divisions.division(division_code)
        if division.parent_code and (parent is None or not parent.exists):
            raise FailedPreconditionError(
                "PARENT_FEDERATION_NOT_REGISTERED", f"register {self.parent_of(division_code)} before {self.stream_id}")
        self._trigger(events.FederationRegistered(
            federation=self.stream_id, division_code=division_code, level=self.LEVELS[division.level],
            name=display_name or f"{division.name_zh}工商业联合会", parent_federation=self.parent_of(division_code),
            registered_on=registered_on.isoformat()))

    def apply_FederationRegistered(self, event: events.FederationRegistered) -> None:
        self.league_code = league_of_division(event.division_code)


def league_of_division(division_code: str) -> str:
    """The league/city of a division; the region's own code for the region."""
    return division_code if division_code == divisions.REGION_CODE else divisions.league_of(division_code)


class CommitteeMember(RegistryAggregate):
    """A member of one of the five groups of the region's standardization work committee."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.appointed_on: date | None = None
        self.removed = False

    def appoint(self, person_name: str, organisation: str, group: int, appointed_on: date) -> None:
        self.require_new()
        self._trigger(events.CommitteeMemberAppointed(
            member=self.stream_id, person_name=person_name, organisation=organisation, group=group,
            appointed_on=appointed_on.isoformat()))

    def remove(self, removed_on: date, reason: str) -> None:
        self.require_exists()
        if self.removed:
            raise FailedPreconditionError("MEMBER_ALREADY_REMOVED", f"{self.stream_id} is already removed")
        not_before(removed_on, self.appointed_on, "removed_on")
        self._trigger(events.CommitteeMemberRemoved(member=self.stream_id, removed_on=removed_on.isoformat(), reason=reason))

    def apply_CommitteeMemberAppointed(self, event: events.CommitteeMemberAppointed) -> None:
        self.appointed_on = _day(event.appointed_on)

    def apply_CommitteeMemberRemoved(self, event: events.CommitteeMemberRemoved) -> None:
        self.removed = True


# ---------------------------------------------------------------------------------------------
# Chambers.


class Chamber(RegistryAggregate):
    """A chamber of commerce (商会) under a federation; its org code is unique and numbers its standards."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.league_code = ""
        self.registered_on: date | None = None
        self.pilot_year = 0
        self.commitment_declared = False
        self.on_platform = False
        self.good_behaviour_assessments: set[str] = set()
        self.current_good_behaviour = ""

    def register(self, org_code: str, display_name: str, federation: Federation, plan_sectors: Sequence[int],
                 registered_on: date) -> None:
        self.require_new()
        if not federation.exists:
            raise FailedPreconditionError("FEDERATION_NOT_REGISTERED", f"{federation.stream_id} is not registered")
        self._trigger(events.ChamberRegistered(
            chamber=self.stream_id, org_code=org_code, name=display_name, federation=federation.stream_id,
            league_code=federation.league_code, plan_sectors=plan_sectors, registered_on=registered_on.isoformat()))

    def select_as_pilot(self, year: int, selected_on: date) -> None:
        self.require_exists()
        if self.pilot_year:
            raise FailedPreconditionError("CHAMBER_ALREADY_PILOT", f"{self.stream_id} is a pilot since {self.pilot_year}")
        not_before(selected_on, self.registered_on, "selected_on")
        self._trigger(events.ChamberSelectedAsPilot(chamber=self.stream_id, year=year, selected_on=selected_on.isoformat()))

    def declare_commitment(self, declared_on: date, statement: str) -> None:
        self.require_exists()
        if self.commitment_declared:
            raise FailedPreconditionError("COMMITMENT_ALREADY_DECLARED", f"{self.stream_id} has declared its commitment")
        not_before(declared_on, self.registered_on, "declared_on")
        self._trigger(events.ChamberCommitmentDeclared(
            chamber=self.stream_id, declared_on=declared_on.isoformat(), statement=statement))

    def register_on_platform(self, registered_on: date, platform_account: str) -> None:
        self.require_exists()
        if self.on_platform:
            raise FailedPreconditionError("ALREADY_REGISTERED_ON_PLATFORM", f"{self.stream_id} is on the platform")
        not_before(registered_on, self.registered_on, "registered_on")
        self._trigger(events.ChamberRegisteredOnPlatform(
            chamber=self.stream_id, registered_on=registered_on.isoformat(), platform_account=platform_account))

    def record_good_behaviour(self, outcome: events.ChamberGoodBehaviourRecorded) -> bool:
        """Records an evaluation's outcome unless this assessment was recorded before."""
        if not self.exists:
            raise FailedPreconditionError("CHAMBER_NOT_REGISTERED", f"{self.stream_id} is not registered")
        if outcome.assessment in self.good_behaviour_assessments:
            return False
        self._trigger(outcome)
        return True

    def revoke_good_behaviour(self, assessment: str, revoked_on: str, reason: str) -> bool:
        """Revokes the current result if this assessment made it; anything else changes nothing."""
        if assessment != self.current_good_behaviour:
            return False
        self._trigger(events.ChamberGoodBehaviourRevoked(
            chamber=self.stream_id, assessment=assessment, revoked_on=revoked_on, reason=reason))
        return True

    def apply_ChamberRegistered(self, event: events.ChamberRegistered) -> None:
        self.league_code = event.league_code
        self.registered_on = _day(event.registered_on)

    def apply_ChamberSelectedAsPilot(self, event: events.ChamberSelectedAsPilot) -> None:
        self.pilot_year = event.year

    def apply_ChamberCommitmentDeclared(self, event: events.ChamberCommitmentDeclared) -> None:
        self.commitment_declared = True

    def apply_ChamberRegisteredOnPlatform(self, event: events.ChamberRegisteredOnPlatform) -> None:
        self.on_platform = True

    def apply_ChamberGoodBehaviourRecorded(self, event: events.ChamberGoodBehaviourRecorded) -> None:
        self.good_behaviour_assessments.add(event.assessment)
        self.current_good_behaviour = event.assessment

    def apply_ChamberGoodBehaviourRevoked(self, event: events.ChamberGoodBehaviourRevoked) -> None:
        self.current_good_behaviour = ""


# ---------------------------------------------------------------------------------------------
# Enterprises.


@dataclass(frozen=True)
class EnterpriseDetails:
    """The descriptive fields of an enterprise, replaced whole by a change."""

    display_name: str
    division_code: str
    industry_section: str
    industry_division: str
    plan_sectors: tuple[int, ...]
    size_class: int

    @property
    def league_code(self) -> str:
        return divisions.league_of(self.division_code)


class Enterprise(RegistryAggregate):
    """An enterprise, keyed by its unified social credit code."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.details: EnterpriseDetails | None = None
        self.is_private = False
        self.registered_on: date | None = None
        self.chambers: set[str] = set()
        self.in_brand_pilot = False

    @property
    def league_code(self) -> str:
        return self.details.league_code if self.details else ""

    def register(self, uscc: str, details: EnterpriseDetails, is_private: bool, registered_on: date) -> None:
        self.require_new()
        self._trigger(events.EnterpriseRegistered(
            enterprise=self.stream_id, uscc=uscc, name=details.display_name, division_code=details.division_code,
            league_code=details.league_code, is_private=is_private, industry_section=details.industry_section,
            industry_division=details.industry_division, plan_sectors=details.plan_sectors,
            size_class=details.size_class, registered_on=registered_on.isoformat()))

    def change_details(self, details: EnterpriseDetails, changed_on: date) -> None:
        """Replaces the details; the same details again change nothing."""
        self.require_exists()
        if details == self.details:
            return
        not_before(changed_on, self.registered_on, "changed_on")
        self._trigger(events.EnterpriseDetailsChanged(
            enterprise=self.stream_id, name=details.display_name, division_code=details.division_code,
            league_code=details.league_code, industry_section=details.industry_section,
            industry_division=details.industry_division, plan_sectors=details.plan_sectors,
            size_class=details.size_class, changed_on=changed_on.isoformat()))

    def join_chamber(self, chamber: Chamber, joined_on: date) -> None:
        self.require_exists()
        if not chamber.exists:
            raise FailedPreconditionError("CHAMBER_NOT_REGISTERED", f"{chamber.stream_id} is not registered")
        if chamber.stream_id in self.chambers:
            raise FailedPreconditionError("ALREADY_A_MEMBER", f"{self.stream_id} is a member of {chamber.stream_id}")
        not_before(joined_on, self.registered_on, "joined_on")
        self._trigger(events.EnterpriseJoinedChamber(
            enterprise=self.stream_id, chamber=chamber.stream_id, joined_on=joined_on.isoformat()))

    def leave_chamber(self, chamber: str, left_on: date) -> None:
        self.require_exists()
        if chamber not in self.chambers:
            raise FailedPreconditionError("NOT_A_MEMBER", f"{self.stream_id} is not a member of {chamber}")
        not_before(left_on, self.registered_on, "left_on")
        self._trigger(events.EnterpriseLeftChamber(enterprise=self.stream_id, chamber=chamber, left_on=left_on.isoformat()))

    def enrol_in_brand_pilot(self, year: int, enrolled_on: date) -> None:
        """Voluntary enrolment (在企业自愿的基础上); the pilot is for private enterprises."""
        self.require_exists()
        if not self.is_private:
            raise FailedPreconditionError("NOT_A_PRIVATE_ENTERPRISE", f"{self.stream_id} is not a private enterprise")
        if self.in_brand_pilot:
            raise FailedPreconditionError("ALREADY_IN_BRAND_PILOT", f"{self.stream_id} is enrolled in the brand pilot")
        not_before(enrolled_on, self.registered_on, "enrolled_on")
        self._trigger(events.EnterpriseEnrolledInBrandPilot(
            enterprise=self.stream_id, league_code=self.league_code, year=year, enrolled_on=enrolled_on.isoformat()))

    def withdraw_from_brand_pilot(self, withdrawn_on: date, reason: str) -> None:
        self.require_exists()
        if not self.in_brand_pilot:
            raise FailedPreconditionError("NOT_IN_BRAND_PILOT", f"{self.stream_id} is not enrolled in the brand pilot")
        not_before(withdrawn_on, self.registered_on, "withdrawn_on")
        self._trigger(events.EnterpriseWithdrewFromBrandPilot(
            enterprise=self.stream_id, withdrawn_on=withdrawn_on.isoformat(), reason=reason))

    def apply_EnterpriseRegistered(self, event: events.EnterpriseRegistered) -> None:
        self.details = _details(event)
        self.is_private = event.is_private
        self.registered_on = _day(event.registered_on)

    def apply_EnterpriseDetailsChanged(self, event: events.EnterpriseDetailsChanged) -> None:
        self.details = _details(event)

    def apply_EnterpriseJoinedChamber(self, event: events.EnterpriseJoinedChamber) -> None:
        self.chambers.add(event.chamber)

    def apply_EnterpriseLeftChamber(self, event: events.EnterpriseLeftChamber) -> None:
        self.chambers.discard(event.chamber)

    def apply_EnterpriseEnrolledInBrandPilot(self, event: events.EnterpriseEnrolledInBrandPilot) -> None:
        self.in_brand_pilot = True

    def apply_EnterpriseWithdrewFromBrandPilot(self, event: events.EnterpriseWithdrewFromBrandPilot) -> None:
        self.in_brand_pilot = False


def _details(event: events.EnterpriseRegistered | events.EnterpriseDetailsChanged) -> EnterpriseDetails:
    return EnterpriseDetails(event.name, event.division_code, event.industry_section, event.industry_division,
                             tuple(event.plan_sectors), event.size_class)


# ---------------------------------------------------------------------------------------------
# Group standards.


class Stage(StrEnum):
    """The stored lifecycle state of a group standard; IN_FORCE is derived from the effective date."""

    PROPOSED = "PROPOSED"
    APPROVED_FOR_DRAFTING = "APPROVED_FOR_DRAFTING"
    DRAFTING = "DRAFTING"
    PUBLIC_COMMENT = "PUBLIC_COMMENT"
    TECHNICALLY_REVIEWED = "TECHNICALLY_REVIEWED"
    APPROVED = "APPROVED"
    PUBLISHED = "PUBLISHED"
    UNDER_PERIODIC_REVIEW = "UNDER_PERIODIC_REVIEW"
    ABOLISHED = "ABOLISHED"


REVIEW_OUTCOME_STAGE = {
    events.PERIODIC_REVIEW_OUTCOME_CONTINUE: Stage.PUBLISHED,
    events.PERIODIC_REVIEW_OUTCOME_REVISE: Stage.DRAFTING,
    events.PERIODIC_REVIEW_OUTCOME_ABOLISH: Stage.ABOLISHED,
}


#: The stage each lifecycle event leads to, where the event alone decides it.
STAGE_AFTER: dict[type[Message], Stage] = {
    events.GroupStandardProposed: Stage.PROPOSED,
    events.GroupStandardApprovedForDrafting: Stage.APPROVED_FOR_DRAFTING,
    events.GroupStandardDraftingStarted: Stage.DRAFTING,
    events.GroupStandardCommentOpened: Stage.PUBLIC_COMMENT,
    events.GroupStandardApproved: Stage.APPROVED,
    events.StandardPublished: Stage.PUBLISHED,
    events.GroupStandardPeriodicReviewStarted: Stage.UNDER_PERIODIC_REVIEW,
    events.GroupStandardAbolished: Stage.ABOLISHED,
}


def stage_after(event: Message) -> Stage | None:
    """The stage a lifecycle event leads to; None for the side processes (conversion, leaders, ...)."""
    if isinstance(event, events.GroupStandardTechnicallyReviewed):
        return Stage.TECHNICALLY_REVIEWED if event.passed else Stage.DRAFTING
    if isinstance(event, events.GroupStandardPeriodicReviewConcluded):
        return REVIEW_OUTCOME_STAGE[event.outcome]
    return STAGE_AFTER.get(type(event))


#: The stages each step may start from.
ALLOWED_FROM: dict[str, frozenset[Stage]] = {
    "approve_for_drafting": frozenset({Stage.PROPOSED}),
    "start_drafting": frozenset({Stage.APPROVED_FOR_DRAFTING}),
    "open_comment": frozenset({Stage.DRAFTING}),
    "review": frozenset({Stage.PUBLIC_COMMENT}),
    "approve": frozenset({Stage.TECHNICALLY_REVIEWED}),
    "publish": frozenset({Stage.APPROVED}),
    "start_periodic_review": frozenset({Stage.PUBLISHED}),
    "conclude_periodic_review": frozenset({Stage.UNDER_PERIODIC_REVIEW}),
    "abolish": frozenset({Stage.PUBLISHED, Stage.UNDER_PERIODIC_REVIEW}),
    "request_conversion": frozenset({Stage.PUBLISHED}),
    "record_translation": frozenset({Stage.PUBLISHED, Stage.UNDER_PERIODIC_REVIEW}),
    "recommend_leader": frozenset({Stage.PUBLISHED}),
}


class LeaderStatus(StrEnum):
    RECOMMENDED = "RECOMMENDED"
    LISTED = "LISTED"
    REVOKED = "REVOKED"


@dataclass
class Conversion:
    target_level: int
    requested_on: date
    decided: bool = False


class GroupStandard(RegistryAggregate):
    """A chamber's group standard (团体标准) through its lifecycle, with its side processes."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.stage: Stage | None = None
        self.proposed: events.GroupStandardProposed | None = None
        self.published: events.StandardPublished | None = None
        self.last_step_on: date | None = None
        self.comment_closes_on: date | None = None
        self.conversions: dict[str, Conversion] = {}
        self.languages: set[str] = set()
        self.leaders: dict[int, LeaderStatus] = {}
        self.leader_dates: dict[int, date] = {}

    # -- the lifecycle

    def _step(self, step: str, on: date, what: str) -> None:
        """Refuses a step the current stage does not allow, or a date before the previous step."""
        self.require_exists()
        assert self.stage is not None
        if self.stage not in ALLOWED_FROM[step]:
            raise FailedPreconditionError(
                f"CANNOT_{step.upper()}_WHEN_{self.stage}",
                f"{self.stream_id} is {self.stage.lower().replace('_', ' ')}: cannot {step.replace('_', ' ')}")
        not_before(on, self.last_step_on, what)

    def propose(self, chamber: Chamber, title: str, scope: str, plan_sectors: Sequence[int], proposed_on: date,
                forerunner_year: int = 0, forerunner_key_field: str = "") -> None:
        self.require_new()
        if not chamber.exists:
            raise FailedPreconditionError("CHAMBER_NOT_REGISTERED", f"{chamber.stream_id} is not registered")
        self._trigger(events.GroupStandardProposed(
            group_standard=self.stream_id, org_code=chamber.stream_id.split("/")[1], title=title, scope=scope,
            league_code=chamber.league_code, plan_sectors=plan_sectors, proposed_on=proposed_on.isoformat(),
            forerunner_year=forerunner_year, forerunner_key_field=forerunner_key_field))

    def approve_for_drafting(self, approved_on: date) -> None:
        self._step("approve_for_drafting", approved_on, "approved_on")
        self._trigger(events.GroupStandardApprovedForDrafting(group_standard=self.stream_id, approved_on=approved_on.isoformat()))

    def start_drafting(self, started_on: date, drafting_units: Sequence[str]) -> None:
        self._step("start_drafting", started_on, "started_on")
        self._trigger(events.GroupStandardDraftingStarted(
            group_standard=self.stream_id, started_on=started_on.isoformat(), drafting_units=drafting_units))

    def open_comment(self, opened_on: date, closes_on: date, policy: RegistryPolicy) -> None:
        self._step("open_comment", opened_on, "opened_on")
        if (closes_on - opened_on).days < policy.min_comment_days:
            raise FailedPreconditionError(
                "COMMENT_PERIOD_TOO_SHORT", f"public comment lasts at least {policy.min_comment_days} days")
        self._trigger(events.GroupStandardCommentOpened(
            group_standard=self.stream_id, opened_on=opened_on.isoformat(), closes_on=closes_on.isoformat()))

    def review(self, reviewed_on: date, comments_received: int, votes_for: int, votes_cast: int,
               policy: RegistryPolicy) -> bool:
        """Records the technical review's vote; a failed vote sends the draft back to drafting."""
        self._step("review", reviewed_on, "reviewed_on")
        if self.comment_closes_on and reviewed_on < self.comment_closes_on:
            raise FailedPreconditionError(
                "COMMENT_PERIOD_NOT_OVER", f"public comment on {self.stream_id} closes on {self.comment_closes_on}")
        if votes_cast < policy.min_reviewers:
            raise FailedPreconditionError("TOO_FEW_REVIEWERS", f"a technical review needs at least {policy.min_reviewers} votes")
        passed = Fraction(votes_for, votes_cast) >= policy.review_pass_share
        self._trigger(events.GroupStandardTechnicallyReviewed(
            group_standard=self.stream_id, reviewed_on=reviewed_on.isoformat(), comments_received=comments_received,
            votes_for=votes_for, votes_cast=votes_cast, passed=passed))
        return passed

    def approve(self, approved_on: date) -> None:
        self._step("approve", approved_on, "approved_on")
        self._trigger(events.GroupStandardApproved(group_standard=self.stream_id, approved_on=approved_on.isoformat()))

    def publish(self, sequence: int, sequence_digits: int, published_on: date, effective_on: date | None,
                policy: RegistryPolicy) -> events.StandardPublished:
        """Numbers and publishes; the caller makes the number unique (a claim) before saving."""
        self._step("publish", published_on, "published_on")
        assert self.proposed is not None
        proposal = self.proposed
        event = events.StandardPublished(
            group_standard=self.stream_id,
            number=numbers.group_standard_number(proposal.org_code, sequence, published_on.year, sequence_digits),
            org_code=proposal.org_code, title=proposal.title, league_code=proposal.league_code,
            published_on=published_on.isoformat(), effective_on=(effective_on or published_on).isoformat(),
            plan_sectors=proposal.plan_sectors, sequence=sequence, year=published_on.year,
            forerunner_year=proposal.forerunner_year, forerunner_key_field=proposal.forerunner_key_field,
            review_due_on=add_years(published_on, policy.review_cycle_years).isoformat())
        self._trigger(event)
        return event

    def start_periodic_review(self, started_on: date) -> None:
        self._step("start_periodic_review", started_on, "started_on")
        self._trigger(events.GroupStandardPeriodicReviewStarted(group_standard=self.stream_id, started_on=started_on.isoformat()))

    def conclude_periodic_review(self, outcome: int, concluded_on: date, report: str, policy: RegistryPolicy) -> None:
        """Continue (next review due a cycle later), revise (back to drafting) or abolish."""
        self._step("conclude_periodic_review", concluded_on, "concluded_on")
        next_due = add_years(concluded_on, policy.review_cycle_years).isoformat()
        self._trigger(events.GroupStandardPeriodicReviewConcluded(
            group_standard=self.stream_id, outcome=outcome, concluded_on=concluded_on.isoformat(), report=report,
            next_review_due_on=next_due if outcome == events.PERIODIC_REVIEW_OUTCOME_CONTINUE else ""))
        if outcome == events.PERIODIC_REVIEW_OUTCOME_ABOLISH:
            self._trigger(events.GroupStandardAbolished(
                group_standard=self.stream_id, abolished_on=concluded_on.isoformat(), reason="periodic review: abolish"))

    def abolish(self, abolished_on: date, reason: str) -> None:
        self._step("abolish", abolished_on, "abolished_on")
        self._trigger(events.GroupStandardAbolished(
            group_standard=self.stream_id, abolished_on=abolished_on.isoformat(), reason=reason))

    # -- side processes

    def _require_in_force(self, step: str, on: date) -> None:
        self._step(step, on, f"the {step.replace('_', ' ')} date")
        assert self.published is not None
        if date.fromisoformat(self.published.effective_on) > on:
            raise FailedPreconditionError(
                "STANDARD_NOT_IN_FORCE", f"{self.published.number} is in force from {self.published.effective_on}, not on {on}")

    def request_conversion(self, request_id: str, target_level: int, requested_on: date) -> None:
        """The publisher applies to convert a well-implemented (in force) standard."""
        self._require_in_force("request_conversion", requested_on)
        if request_id in self.conversions:
            raise AlreadyExistsError(f"conversion request {request_id} of {self.stream_id} already exists")
        if any(c.target_level == target_level and not c.decided for c in self.conversions.values()):
            raise FailedPreconditionError(
                "CONVERSION_ALREADY_PENDING", f"{self.stream_id} has an undecided conversion request to that level")
        self._trigger(events.GroupStandardConversionRequested(
            group_standard=self.stream_id, request_id=request_id, target_level=target_level,
            requested_on=requested_on.isoformat()))

    def decide_conversion(self, request_id: str, accepted: bool, decided_on: date, converted_number: str, reason: str) -> None:
        self.require_exists()
        conversion = self.conversions.get(request_id)
        if conversion is None:
            raise NotFoundError(f"conversion request {request_id} of {self.stream_id} not found")
        if conversion.decided:
            raise FailedPreconditionError("CONVERSION_ALREADY_DECIDED", f"conversion request {request_id} is decided")
        if accepted and not numbers.CONVERTED_FORMS[conversion.target_level].fullmatch(converted_number):
            raise FailedPreconditionError(
                "CONVERTED_NUMBER_DOES_NOT_MATCH_LEVEL",
                f"{converted_number} is not a {events.StandardLevel.Name(conversion.target_level)} standard number")
        not_before(decided_on, conversion.requested_on, "decided_on")
        self._trigger(events.GroupStandardConversionDecided(
            group_standard=self.stream_id, request_id=request_id, accepted=accepted, decided_on=decided_on.isoformat(),
            converted_number=converted_number, reason=reason))

    def record_translation(self, language: str, translator: str, published_on: date) -> None:
        self._step("record_translation", published_on, "published_on")
        if language in self.languages:
            raise AlreadyExistsError(f"{self.stream_id} already has a version in {language}")
        self._trigger(events.GroupStandardTranslated(
            group_standard=self.stream_id, language=language, translator=translator, published_on=published_on.isoformat()))

    def recommend_leader(self, year: int, recommended_on: date) -> None:
        """The region federation recommends a standard in force as a leader (领先者) of a year."""
        self._require_in_force("recommend_leader", recommended_on)
        if year in self.leaders:
            raise FailedPreconditionError("LEADER_ALREADY_RECOMMENDED", f"{self.stream_id} is recommended for {year}")
        assert self.published is not None
        self._trigger(events.LeaderRecommended(
            group_standard=self.stream_id, year=year, recommended_on=recommended_on.isoformat(),
            league_code=self.published.league_code, number=self.published.number,
            org_code=self.published.org_code, title=self.published.title))

    def _leader_step(self, year: int, on: date, what: str) -> LeaderStatus:
        self.require_exists()
        status = self.leaders.get(year)
        if status is None:
            raise FailedPreconditionError("LEADER_NOT_RECOMMENDED", f"{self.stream_id} is not recommended for {year}")
        if status == LeaderStatus.REVOKED:
            raise FailedPreconditionError("LEADER_REVOKED", f"the {year} leader status of {self.stream_id} is revoked")
        not_before(on, self.leader_dates[year], what)
        return status

    def record_leader_listing(self, year: int, listed_on: date) -> None:
        if self._leader_step(year, listed_on, "listed_on") == LeaderStatus.LISTED:
            raise FailedPreconditionError("LEADER_ALREADY_LISTED", f"{self.stream_id} is listed for {year}")
        self._trigger(events.LeaderListed(group_standard=self.stream_id, year=year, listed_on=listed_on.isoformat()))

    def revoke_leader(self, year: int, revoked_on: date, reason: str) -> None:
        self._leader_step(year, revoked_on, "revoked_on")
        self._trigger(events.LeaderRevoked(
            group_standard=self.stream_id, year=year, revoked_on=revoked_on.isoformat(), reason=reason))

    # -- state

    def apply_GroupStandardProposed(self, event: events.GroupStandardProposed) -> None:
        self.proposed = event
        self._advance(event, event.proposed_on)

    def apply_GroupStandardApprovedForDrafting(self, event: events.GroupStandardApprovedForDrafting) -> None:
        self._advance(event, event.approved_on)

    def apply_GroupStandardDraftingStarted(self, event: events.GroupStandardDraftingStarted) -> None:
        self._advance(event, event.started_on)

    def apply_GroupStandardCommentOpened(self, event: events.GroupStandardCommentOpened) -> None:
        self.comment_closes_on = _day(event.closes_on)
        self._advance(event, event.opened_on)

    def apply_GroupStandardTechnicallyReviewed(self, event: events.GroupStandardTechnicallyReviewed) -> None:
        self._advance(event, event.reviewed_on)

    def apply_GroupStandardApproved(self, event: events.GroupStandardApproved) -> None:
        self._advance(event, event.approved_on)

    def apply_StandardPublished(self, event: events.StandardPublished) -> None:
        self.published = event
        self._advance(event, event.published_on)

    def apply_GroupStandardPeriodicReviewStarted(self, event: events.GroupStandardPeriodicReviewStarted) -> None:
        self._advance(event, event.started_on)

    def apply_GroupStandardPeriodicReviewConcluded(self, event: events.GroupStandardPeriodicReviewConcluded) -> None:
        self._advance(event, event.concluded_on)

    def apply_GroupStandardAbolished(self, event: events.GroupStandardAbolished) -> None:
        self._advance(event, event.abolished_on)

    def _advance(self, event: Message, on: str) -> None:
        self.stage = stage_after(event)
        self.last_step_on = _day(on)

    def apply_GroupStandardConversionRequested(self, event: events.GroupStandardConversionRequested) -> None:
        self.conversions[event.request_id] = Conversion(event.target_level, date.fromisoformat(event.requested_on))

    def apply_GroupStandardConversionDecided(self, event: events.GroupStandardConversionDecided) -> None:
        self.conversions[event.request_id].decided = True

    def apply_GroupStandardTranslated(self, event: events.GroupStandardTranslated) -> None:
        self.languages.add(event.language)

    def apply_LeaderRecommended(self, event: events.LeaderRecommended) -> None:
        self._leader(event.year, LeaderStatus.RECOMMENDED, event.recommended_on)

    def apply_LeaderListed(self, event: events.LeaderListed) -> None:
        self._leader(event.year, LeaderStatus.LISTED, event.listed_on)

    def apply_LeaderRevoked(self, event: events.LeaderRevoked) -> None:
        self._leader(event.year, LeaderStatus.REVOKED, event.revoked_on)

    def _leader(self, year: int, status: LeaderStatus, on: str) -> None:
        self.leaders[year] = status
        self.leader_dates[year] = date.fromisoformat(on)


class NumberClaim(RegistryAggregate):
    """Makes a standard number unique across the streams that use it: one holder at a time."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.holder = ""

    def claim(self, number: str, owner: str, claimed_on: date) -> bool:
        """True when newly claimed; False when `owner` holds it already; ALREADY_EXISTS for another holder."""
        if self.holder == owner:
            return False
        if self.holder:
            raise AlreadyExistsError(f"{number} is already used by {self.holder}")
        self._trigger(events.StandardNumberClaimed(
            claim=self.stream_id, number=number, owner=owner, claimed_on=claimed_on.isoformat()))
        return True

    def release(self, number: str, owner: str, released_on: date) -> None:
        if self.holder == owner:
            self._trigger(events.StandardNumberReleased(
                claim=self.stream_id, number=number, owner=owner, released_on=released_on.isoformat()))

    def apply_StandardNumberClaimed(self, event: events.StandardNumberClaimed) -> None:
        self.holder = event.owner

    def apply_StandardNumberReleased(self, event: events.StandardNumberReleased) -> None:
        self.holder = ""


# ---------------------------------------------------------------------------------------------
# Self-declarations.


class SelfDeclaration(RegistryAggregate):
    """An enterprise's public self-declaration of a standard it implements (企业标准自我声明公开)."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.number = ""
        self.league_code = ""
        self.last_on: date | None = None
        self.withdrawn = False

    def declare(self, enterprise: Enterprise, content: events.DeclarationContent, disclosed_on: date) -> None:
        self.require_new()
        if not enterprise.exists:
            raise FailedPreconditionError("ENTERPRISE_NOT_REGISTERED", f"{enterprise.stream_id} is not registered")
        self._trigger(events.StandardSelfDeclared(
            declaration=self.stream_id, enterprise=enterprise.stream_id, league_code=enterprise.league_code,
            content=content, disclosed_on=disclosed_on.isoformat()))

    def _require_open(self, on: date, what: str) -> None:
        self.require_exists()
        if self.withdrawn:
            raise FailedPreconditionError("DECLARATION_WITHDRAWN", f"{self.stream_id} is withdrawn")
        not_before(on, self.last_on, what)

    def update(self, content: events.DeclarationContent, updated_on: date) -> None:
        self._require_open(updated_on, "updated_on")
        self._trigger(events.SelfDeclarationUpdated(declaration=self.stream_id, content=content, updated_on=updated_on.isoformat()))

    def withdraw(self, withdrawn_on: date, reason: str) -> None:
        self._require_open(withdrawn_on, "withdrawn_on")
        self._trigger(events.SelfDeclarationWithdrawn(
            declaration=self.stream_id, withdrawn_on=withdrawn_on.isoformat(), reason=reason))

    def apply_StandardSelfDeclared(self, event: events.StandardSelfDeclared) -> None:
        self.number = event.content.standard_number
        self.league_code = event.league_code
        self.last_on = _day(event.disclosed_on)

    def apply_SelfDeclarationUpdated(self, event: events.SelfDeclarationUpdated) -> None:
        self.number = event.content.standard_number
        self.last_on = _day(event.updated_on)

    def apply_SelfDeclarationWithdrawn(self, event: events.SelfDeclarationWithdrawn) -> None:
        self.withdrawn = True
        self.last_on = _day(event.withdrawn_on)


# ---------------------------------------------------------------------------------------------
# Forerunner lists (fed by assessment).


@dataclass
class ForerunnerEntry:
    assessment: str
    active: bool = True


class ForerunnerList(RegistryAggregate):
    """The forerunners (领跑者) of one year's scheme for a key field."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.entries: dict[str, ForerunnerEntry] = {}
        self.assessments: set[str] = set()

    def list_declaration(self, listing: events.ForerunnerListed) -> bool:
        """Lists a declaration unless this assessment was applied or the declaration is listed already."""
        current = self.entries.get(listing.declaration)
        if listing.assessment in self.assessments or (current is not None and current.active):
            return False
        self._trigger(listing)
        return True

    def revoke(self, assessment: str, revoked_on: str, reason: str) -> bool:
        """Revokes the entry this assessment made, if it is still listed."""
        for declaration, entry in self.entries.items():
            if entry.assessment == assessment and entry.active:
                self._trigger(events.ForerunnerRevoked(
                    forerunner_list=self.stream_id, declaration=declaration, revoked_on=revoked_on, reason=reason,
                    assessment=assessment))
                return True
        return False

    def apply_ForerunnerListed(self, event: events.ForerunnerListed) -> None:
        self.entries[event.declaration] = ForerunnerEntry(event.assessment)
        self.assessments.add(event.assessment)

    def apply_ForerunnerRevoked(self, event: events.ForerunnerRevoked) -> None:
        self.entries[event.declaration].active = False


class ForerunnerAssessmentLink(RegistryAggregate):
    """Remembers which list an assessment listed on, for its revocation (which names only the assessment)."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.forerunner_list = ""
        self.declaration = ""

    def link(self, assessment: str, forerunner_list: str, declaration: str) -> None:
        if not self.exists:
            self._trigger(events.ForerunnerAssessmentLinked(
                link=self.stream_id, assessment=assessment, forerunner_list=forerunner_list, declaration=declaration))

    def apply_ForerunnerAssessmentLinked(self, event: events.ForerunnerAssessmentLinked) -> None:
        self.forerunner_list = event.forerunner_list
        self.declaration = event.declaration


def forerunner_valid_until(listed_on: date, policy: RegistryPolicy) -> date:
    """The last day of the configured validity, for an assessment that gives none."""
    return add_years(listed_on, policy.forerunner_validity_years) - timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Training.


def trainee_key(trainee: events.Trainee) -> tuple[str, str]:
    return trainee.person_name, trainee.enterprise


class TrainingBatch(RegistryAggregate):
    """One batch of standardization training (人才培养: 批次培养、滚动推进)."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.league_code = ""
        self.trainees: set[tuple[str, str]] = set()

    def hold(self, league_code: str, training_format: int, title: str, held_on: date, organiser: str,
             trainees: Iterable[events.Trainee]) -> None:
        self.require_new()
        self._trigger(events.TrainingBatchHeld(
            training_batch=self.stream_id, league_code=league_code, format=training_format, title=title,
            held_on=held_on.isoformat(), organiser=organiser, trainees=trainees))

    def record_trainees(self, trainees: Sequence[events.Trainee]) -> None:
        self.require_exists()
        known = [t for t in trainees if trainee_key(t) in self.trainees]
        if known:
            raise FailedPreconditionError(
                "TRAINEE_ALREADY_RECORDED", f"{known[0].person_name} ({known[0].enterprise}) is already in {self.stream_id}")
        self._trigger(events.TraineesRecorded(training_batch=self.stream_id, trainees=trainees))

    def apply_TrainingBatchHeld(self, event: events.TrainingBatchHeld) -> None:
        self.league_code = event.league_code
        self.trainees.update(trainee_key(t) for t in event.trainees)

    def apply_TraineesRecorded(self, event: events.TraineesRecorded) -> None:
        self.trainees.update(trainee_key(t) for t in event.trainees)
