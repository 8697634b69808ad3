"""The dated facts the progress projection keeps of each stream: pure folds and derivations.

For each stream that matters to the progress (an enterprise, its brand-evaluation history, a
chamber, a group standard, ...) the projection keeps a small state: the stream's history reduced
to the dated facts it needs. A fold adds one event to that state. From the state, `derive` makes
the documents that answer "as of" queries: each holds the civil dates between which its fact
held (`from`/`until`, `evaluated_on`/`holds_until`, ...), so that the progress on a date D counts
the documents in force on D with indexed range conditions, whatever the order events came in.

Dates are ISO strings, which order as the dates do; an open end is FAR. Every document derived
from a stream belongs to that stream, and the keys derived from a state only ever grow. What the
events date is dated (an enterprise's league, sectors and registration, levels, lists, reports);
what they do not (the league of a chamber or a standard) is taken as last known.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from functools import lru_cache
from operator import itemgetter
from typing import Any

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as registry
from fedstd.reporting.v1 import events_pb2 as reporting
from fedstd.type.v1 import plan_pb2
from services.reporting.policy import civil_date

FAR = "9999-12-31"
#: The plan's eleven priority sectors (PlanSector values).
PLAN_SECTORS = tuple(v.number for v in plan_pb2.PlanSector.DESCRIPTOR.values if v.number)

# Collections of the derived documents.
ENTERPRISE_PROFILES = "enterprise_profiles"
PILOT_ENROLMENTS = "pilot_enrolments"
BRAND_LEVELS = "brand_levels"
CHAMBERS = "chambers"
GOOD_BEHAVIOUR = "good_behaviour"
STANDARDS = "standards"
STANDARD_REVIEWS = "standard_reviews"
LEADERS = "leaders"
DECLARATIONS = "declarations"
FORERUNNERS = "forerunners"
FORERUNNER_PARTICIPANTS = "forerunner_participants"
TRAINING_BATCHES = "training_batches"
TRAINEES = "trainees"
REPORTS = "annual_reports"
REPORT_STATES = "annual_report_states"

State = dict[str, Any]
#: (collection, key) -> the document's fields.
Documents = dict[tuple[str, str], dict[str, Any]]

SUBMITTED, RETURNED, ACCEPTED = "submitted", "returned", "accepted"
TWO_STAR = assessment.STAR_LEVEL_TWO


@lru_cache(maxsize=8192)  # a history has a few thousand distinct days, and a rebuild asks for each many times
def day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def end_of(last_day: str) -> str:
    """The first day something valid through `last_day` no longer holds; FAR when open."""
    return day_after(last_day) if last_day else FAR


def earliest(current: str | None, candidate: str) -> str | None:
    """The earlier of two dates, ignoring a missing one."""
    if not candidate:
        return current
    return min(current, candidate) if current else candidate


def sector_flags(sectors: Iterable[int]) -> dict[str, bool]:
    """`sector_<n>` for each plan sector, true when listed: the read models' filters match scalar fields only.

    Shared between calls (a few combinations of sectors recur in every document): spread it into a document,
    never change it."""
    return _sector_flags(frozenset(sectors))


@lru_cache(maxsize=4096)
def _sector_flags(listed: frozenset[int]) -> dict[str, bool]:
    return {field: sector in listed for sector, field in SECTOR_FIELDS.items()}


def sector_field(sector: int) -> str:
    return f"sector_{sector}"


SECTOR_FIELDS = {sector: sector_field(sector) for sector in PLAN_SECTORS}


def ordered(items: list[dict], on: str) -> list[dict]:
    """Items by their date, keeping arrival order on equal dates (a later one supersedes)."""
    return sorted(items, key=itemgetter(on)) if len(items) > 1 else items


def _instant(stamp: Timestamp) -> str:
    return stamp.ToJsonString()


def _day(stamp: Timestamp) -> str:
    return civil_date(stamp.ToDatetime(tzinfo=timezone.utc)).isoformat()


# ------------------------------------------------------------------ enterprises (registry)


def enterprise_registered(state: State, event: registry.EnterpriseRegistered) -> bool:
    state["private"] = event.is_private
    state["profiles"] = [{"from": event.registered_on, "league": event.league_code, "sectors": list(event.plan_sectors)}]
    return True


def enterprise_details_changed(state: State, event: registry.EnterpriseDetailsChanged) -> bool:
    state.setdefault("profiles", []).append(
        {"from": event.changed_on, "league": event.league_code, "sectors": list(event.plan_sectors)})
    return True


def enterprise_enrolled(state: State, event: registry.EnterpriseEnrolledInBrandPilot) -> bool:
    pilots = state.setdefault("pilots", [])
    if any(pilot["until"] is None for pilot in pilots):
        return False
    pilots.append({"from": event.enrolled_on, "until": None, "league": event.league_code, "year": event.year})
    return True


def enterprise_withdrew(state: State, event: registry.EnterpriseWithdrewFromBrandPilot) -> bool:
    open_pilots = [pilot for pilot in state.get("pilots", []) if pilot["until"] is None]
    for pilot in open_pilots:
        pilot["until"] = event.withdrawn_on
    return bool(open_pilots)


def derive_enterprise(stream_id: str, state: State) -> Documents:
    documents: Documents = {}
    profiles = ordered(state.get("profiles", []), "from")
    private = bool(state.get("private"))
    for i, profile in enumerate(profiles):
        until = profiles[i + 1]["from"] if i + 1 < len(profiles) else FAR
        documents[(ENTERPRISE_PROFILES, f"{stream_id}#p{i}")] = {
            "subject": stream_id, "league_code": profile["league"], "is_private": private,
            "from": profile["from"], "until": until, **sector_flags(profile["sectors"]),
        }
    for i, pilot in enumerate(state.get("pilots", [])):
        documents[(PILOT_ENROLMENTS, f"{stream_id}#e{i}")] = {
            "subject": stream_id, "league_code": pilot["league"], "year": pilot["year"],
            "from": pilot["from"], "until": pilot["until"] or FAR,
        }
    return documents


# ------------------------------------------------------------------ brand evaluations (assessment)


def brand_completed(state: State, event: assessment.AssessmentCompleted) -> bool:
    if event.kind != assessment.ASSESSMENT_KIND_BRAND:
        return False
    evaluations = state.setdefault("evaluations", [])
    name = event.assessment
    if any(e["assessment"] == name for e in evaluations):
        return False
    brand = event.brand
    evaluations.append({
        "assessment": name, "subject": event.subject, "league": event.league_code,
        "on": event.completed_on, "valid_until": brand.valid_until, "star": brand.star_level,
        "score": brand.total_score, "revoked_on": None,
    })
    return True


def _revoke(items: list[dict], key: str, name: str, revoked_on: str) -> bool:
    for item in items:
        if item[key] == name:
            item["revoked_on"] = earliest(item["revoked_on"], revoked_on)
            return True
    return False


def brand_revoked(state: State, event: assessment.AssessmentRevoked) -> bool:
    if event.kind != assessment.ASSESSMENT_KIND_BRAND:
        return False
    return _revoke(state.get("evaluations", []), "assessment", event.assessment, event.revoked_on)


def derive_brand(stream_id: str, state: State) -> Documents:
    """One document per evaluation: the days its level was the enterprise's current valid level.

    An evaluation holds from its date until the next evaluation supersedes it, its validity ends
    or it is revoked, whichever comes first; a revoked or expired level does not bring back the
    one it superseded. `streak_from` is where an unbroken run of two-star-or-above levels began.
    """
    documents: Documents = {}
    evaluations = ordered(state.get("evaluations", []), "on")
    streak_from, level_end = None, ""
    for i, evaluation in enumerate(evaluations):
        next_on = evaluations[i + 1]["on"] if i + 1 < len(evaluations) else FAR
        own_end = min(end_of(evaluation["valid_until"]), evaluation["revoked_on"] or FAR)
        continues = streak_from is not None and level_end >= evaluation["on"]
        streak_from = (streak_from if continues else evaluation["on"]) if evaluation["star"] >= TWO_STAR else None
        level_end = own_end
        documents[(BRAND_LEVELS, evaluation["assessment"])] = {
            "subject": evaluation["subject"], "league_code": evaluation["league"],
            "star_level": evaluation["star"], "total_score": evaluation["score"],
            "evaluated_on": evaluation["on"], "holds_until": min(next_on, own_end), "first": i == 0,
            "streak_from": streak_from,
        }
    return documents


# ------------------------------------------------------------------ chambers (registry)


def chamber_registered(state: State, event: registry.ChamberRegistered) -> bool:
    state.update(league=event.league_code, registered_on=event.registered_on)
    return True


def chamber_selected_as_pilot(state: State, event: registry.ChamberSelectedAsPilot) -> bool:
    state["pilot_from"] = earliest(state.get("pilot_from"), event.selected_on)
    return True


def chamber_good_behaviour_recorded(state: State, event: registry.ChamberGoodBehaviourRecorded) -> bool:
    results = state.setdefault("results", [])
    if any(result["assessment"] == event.assessment for result in results):
        return False
    results.append({"assessment": event.assessment, "on": event.evaluated_on, "conforms": event.conforms,
                    "grade": event.grade, "revoked_on": None})
    return True


def chamber_good_behaviour_revoked(state: State, event: registry.ChamberGoodBehaviourRevoked) -> bool:
    return _revoke(state.get("results", []), "assessment", event.assessment, event.revoked_on)


def derive_chamber(stream_id: str, state: State) -> Documents:
    league, pilot_from = state.get("league", ""), state.get("pilot_from")
    documents: Documents = {(CHAMBERS, stream_id): {
        "league_code": league, "registered_on": state.get("registered_on", ""), "pilot_from": pilot_from}}
    results = ordered(state.get("results", []), "on")
    for i, result in enumerate(results):
        next_on = results[i + 1]["on"] if i + 1 < len(results) else FAR
        documents[(GOOD_BEHAVIOUR, f"{stream_id}#g{i}")] = {
            "league_code": league, "pilot_from": pilot_from, "evaluated_on": result["on"],
            "holds_until": min(next_on, result["revoked_on"] or FAR), "conforms": result["conforms"],
            "grade": result["grade"],
        }
    return documents


# ------------------------------------------------------------------ group standards (registry)


def _describe_standard(state: State, league_code: str, org_code: str, title: str, sectors: Iterable[int]) -> None:
    sectors = list(sectors)
    state.update(league=league_code or state.get("league", ""), org=org_code or state.get("org", ""),
                 title=title or state.get("title", ""), sectors=sectors or state.get("sectors", []))


def standard_proposed(state: State, event: registry.GroupStandardProposed) -> bool:
    _describe_standard(state, event.league_code, event.org_code, event.title, event.plan_sectors)
    state["proposed_on"] = earliest(state.get("proposed_on"), event.proposed_on)
    return True


def standard_published(state: State, event: registry.StandardPublished) -> bool:
    _describe_standard(state, event.league_code, event.org_code, event.title, event.plan_sectors)
    state["number"] = event.number
    state["published_on"] = earliest(state.get("published_on"), event.published_on)
    return True


def standard_review_started(state: State, event: registry.GroupStandardPeriodicReviewStarted) -> bool:
    state.setdefault("reviews", []).append({"from": event.started_on, "until": None})
    return True


def standard_review_concluded(state: State, event: registry.GroupStandardPeriodicReviewConcluded) -> bool:
    for review in state.get("reviews", []):
        if review["until"] is None:
            review["until"] = event.concluded_on
    if event.outcome == registry.PERIODIC_REVIEW_OUTCOME_ABOLISH:
        state["abolished_on"] = earliest(state.get("abolished_on"), event.concluded_on)
    return True


def standard_abolished(state: State, event: registry.GroupStandardAbolished) -> bool:
    state["abolished_on"] = earliest(state.get("abolished_on"), event.abolished_on)
    return True


def standard_conversion_decided(state: State, event: registry.GroupStandardConversionDecided) -> bool:
    if not event.accepted:
        return False
    state["converted_on"] = earliest(state.get("converted_on"), event.decided_on)
    return True


def standard_translated(state: State, event: registry.GroupStandardTranslated) -> bool:
    state["translated_on"] = earliest(state.get("translated_on"), event.published_on)
    return True


def _leader(state: State, year: int) -> dict:
    return state.setdefault("leaders", {}).setdefault(str(year), {"recommended_on": None, "listed_on": None,
                                                                  "revoked_on": None})


def leader_recommended(state: State, event: registry.LeaderRecommended) -> bool:
    leader = _leader(state, event.year)
    leader["recommended_on"] = earliest(leader["recommended_on"], event.recommended_on)
    return True


def leader_listed(state: State, event: registry.LeaderListed) -> bool:
    leader = _leader(state, event.year)
    leader["listed_on"] = earliest(leader["listed_on"], event.listed_on)
    return True


def leader_revoked(state: State, event: registry.LeaderRevoked) -> bool:
    leader = _leader(state, event.year)
    leader["revoked_on"] = earliest(leader["revoked_on"], event.revoked_on)
    return True


def derive_standard(stream_id: str, state: State) -> Documents:
    league = state.get("league", "")
    documents: Documents = {(STANDARDS, stream_id): {
        "league_code": league, "org_code": state.get("org", ""), "number": state.get("number", ""),
        "title": state.get("title", ""), "proposed_on": state.get("proposed_on"),
        "published_on": state.get("published_on") or FAR, "abolished_on": state.get("abolished_on") or FAR,
        "converted_on": state.get("converted_on"), "translated_on": state.get("translated_on"),
        **sector_flags(state.get("sectors", [])),
    }}
    for i, review in enumerate(state.get("reviews", [])):
        documents[(STANDARD_REVIEWS, f"{stream_id}#r{i}")] = {
            "league_code": league, "from": review["from"], "until": review["until"] or FAR}
    for year, leader in state.get("leaders", {}).items():
        documents[(LEADERS, f"{stream_id}#l{year}")] = {
            "league_code": league, "year": int(year), "recommended_on": leader["recommended_on"],
            "listed_on": leader["listed_on"], "listed_until": leader["revoked_on"] or FAR,
        }
    return documents


# ------------------------------------------------------------------ self-declarations (registry)


def standard_self_declared(state: State, event: registry.StandardSelfDeclared) -> bool:
    state.update(enterprise=event.enterprise, league=event.league_code, disclosed_on=event.disclosed_on)
    return True


def self_declaration_withdrawn(state: State, event: registry.SelfDeclarationWithdrawn) -> bool:
    state["withdrawn_on"] = earliest(state.get("withdrawn_on"), event.withdrawn_on)
    return True


def derive_declaration(stream_id: str, state: State) -> Documents:
    if "disclosed_on" not in state:
        return {}
    return {(DECLARATIONS, stream_id): {
        "league_code": state["league"], "enterprise": state["enterprise"], "disclosed_on": state["disclosed_on"],
        "withdrawn_on": state.get("withdrawn_on") or FAR}}


# ------------------------------------------------------------------ forerunners (registry lists, assessment rankings)


def forerunner_listed(state: State, event: registry.ForerunnerListed) -> bool:
    entries = state.setdefault("entries", {})
    previous = entries.get(event.declaration, {})
    entries[event.declaration] = {
        "enterprise": event.enterprise, "league": event.league_code, "year": event.year,
        "listed_on": earliest(previous.get("listed_on"), event.listed_on), "valid_until": event.valid_until,
        "revoked_on": previous.get("revoked_on"),
    }
    return True


def forerunner_revoked(state: State, event: registry.ForerunnerRevoked) -> bool:
    entry = state.get("entries", {}).get(event.declaration)
    if entry is None:
        return False
    entry["revoked_on"] = earliest(entry["revoked_on"], event.revoked_on)
    return True


def derive_forerunner_list(stream_id: str, state: State) -> Documents:
    return {(FORERUNNERS, f"{stream_id}#{declaration}"): {
        "league_code": entry["league"], "enterprise": entry["enterprise"], "year": entry["year"],
        "listed_on": entry["listed_on"],
        "holds_until": min(end_of(entry["valid_until"]), entry["revoked_on"] or FAR),
    } for declaration, entry in state.get("entries", {}).items()}


def forerunner_ranking_published(state: State, event: assessment.ForerunnerRankingPublished) -> bool:
    ranked = state.setdefault("ranked", {})
    for standard in event.ranking:
        ranked.setdefault(standard.declaration, {"enterprise": standard.enterprise, "league": standard.league_code,
                                                 "on": event.published_on})
    return True


def derive_forerunner_scheme(stream_id: str, state: State) -> Documents:
    return {(FORERUNNER_PARTICIPANTS, f"{stream_id}#{declaration}"): {
        "league_code": entry["league"], "enterprise": entry["enterprise"], "ranked_on": entry["on"],
    } for declaration, entry in state.get("ranked", {}).items()}


# ------------------------------------------------------------------ training (registry)


def training_batch_held(state: State, event: registry.TrainingBatchHeld) -> bool:
    state.update(league=event.league_code, held_on=event.held_on)
    state["trainees"] = state.get("trainees", 0) + len(event.trainees)
    return True


def trainees_recorded(state: State, event: registry.TraineesRecorded) -> bool:
    state["trainees"] = state.get("trainees", 0) + len(event.trainees)
    return True


def derive_training_batch(stream_id: str, state: State) -> Documents:
    if "held_on" not in state:
        return {}
    fields = {"league_code": state["league"], "held_on": state["held_on"]}
    documents: Documents = {(TRAINING_BATCHES, stream_id): dict(fields)}
    for i in range(state["trainees"]):
        documents[(TRAINEES, f"{stream_id}#t{i}")] = dict(fields)
    return documents


# ------------------------------------------------------------------ annual reports (reporting)


def figures_dict(figures: reporting.ReportFigures) -> dict[str, int]:
    return {field.name: getattr(figures, field.name) for field in reporting.ReportFigures.DESCRIPTOR.fields}


def _moved(state: State, new_state: str, stamp: Timestamp, revision: int) -> None:
    state["state"] = new_state
    state.setdefault("history", []).append({
        "state": new_state, "on": _day(stamp), "revision": revision,
        "private_enterprises": state["figures"]["private_enterprises"],
    })


def _submission(state: State, event: reporting.ReportSubmitted | reporting.ReportResubmitted, revision: int) -> None:
    state.update(league=event.league_code, year=event.year, revision=revision, figures=figures_dict(event.figures),
                 narrative=event.narrative, submitted_at=_instant(event.submitted_at), due_on=event.due_on,
                 late=event.late)
    _moved(state, SUBMITTED, event.submitted_at, revision)


def report_submitted(state: State, event: reporting.ReportSubmitted) -> bool:
    _submission(state, event, 1)
    state.update(first_submitted_on=_day(event.submitted_at), submitted_late=event.late)
    return True


def report_resubmitted(state: State, event: reporting.ReportResubmitted) -> bool:
    _submission(state, event, event.revision)
    return True


def report_returned(state: State, event: reporting.ReportReturned) -> bool:
    state.update(issues=[{"figure": i.figure, "description": i.description} for i in event.issues],
                 returned_at=_instant(event.returned_at), resubmit_by=event.resubmit_by)
    _moved(state, RETURNED, event.returned_at, event.revision)
    return True


def report_accepted(state: State, event: reporting.ReportAccepted) -> bool:
    state.update(accepted_at=_instant(event.accepted_at), remarks=event.remarks)
    _moved(state, ACCEPTED, event.accepted_at, event.revision)
    return True


REPORT_FIELDS = ("league", "year", "state", "revision", "figures", "narrative", "submitted_at", "due_on", "late",
                 "first_submitted_on", "submitted_late", "issues", "returned_at", "resubmit_by", "accepted_at", "remarks")


def derive_report(stream_id: str, state: State) -> Documents:
    if "state" not in state:
        return {}
    report = {("league_code" if name == "league" else name): state.get(name) for name in REPORT_FIELDS}
    documents: Documents = {(REPORTS, stream_id): report}
    history = state["history"]
    for i, step in enumerate(history):
        documents[(REPORT_STATES, f"{stream_id}#h{i}")] = {
            "league_code": state["league"], "year": state["year"], "state": step["state"],
            "revision": step["revision"], "from": step["on"],
            "until": history[i + 1]["on"] if i + 1 < len(history) else FAR,
            "private_enterprises": step["private_enterprises"],
        }
    return documents


# ------------------------------------------------------------------ the table the projection follows


@dataclass(frozen=True)
class Fold:
    """How one event type changes the state of its stream, and what the state makes."""

    apply: Callable[[State, Message], bool]
    derive: Callable[[str, State], Documents]


def _folds(derive: Callable[[str, State], Documents], folds: Mapping[type[Message], Callable]) -> dict:
    return {event_type: Fold(apply, derive) for event_type, apply in folds.items()}


FOLDS: dict[type[Message], Fold] = {
    **_folds(derive_enterprise, {
        registry.EnterpriseRegistered: enterprise_registered,
        registry.EnterpriseDetailsChanged: enterprise_details_changed,
        registry.EnterpriseEnrolledInBrandPilot: enterprise_enrolled,
        registry.EnterpriseWithdrewFromBrandPilot: enterprise_withdrew,
    }),
    **_folds(derive_brand, {
        assessment.AssessmentCompleted: brand_completed,
        assessment.AssessmentRevoked: brand_revoked,
    }),
    **_folds(derive_chamber, {
        registry.ChamberRegistered: chamber_registered,
        registry.ChamberSelectedAsPilot: chamber_selected_as_pilot,
        registry.ChamberGoodBehaviourRecorded: chamber_good_behaviour_recorded,
        registry.ChamberGoodBehaviourRevoked: chamber_good_behaviour_revoked,
    }),
    **_folds(derive_standard, {
        registry.GroupStandardProposed: standard_proposed,
        registry.StandardPublished: standard_published,
        registry.GroupStandardPeriodicReviewStarted: standard_review_started,
        registry.GroupStandardPeriodicReviewConcluded: standard_review_concluded,
        registry.GroupStandardAbolished: standard_abolished,
        registry.GroupStandardConversionDecided: standard_conversion_decided,
        registry.GroupStandardTranslated: standard_translated,
        registry.LeaderRecommended: leader_recommended,
        registry.LeaderListed: leader_listed,
        registry.LeaderRevoked: leader_revoked,
    }),
    **_folds(derive_declaration, {
        registry.StandardSelfDeclared: standard_self_declared,
        registry.SelfDeclarationWithdrawn: self_declaration_withdrawn,
    }),
    **_folds(derive_forerunner_list, {
        registry.ForerunnerListed: forerunner_listed,
        registry.ForerunnerRevoked: forerunner_revoked,
    }),
    **_folds(derive_forerunner_scheme, {assessment.ForerunnerRankingPublished: forerunner_ranking_published}),
    **_folds(derive_training_batch, {
        registry.TrainingBatchHeld: training_batch_held,
        registry.TraineesRecorded: trainees_recorded,
    }),
    **_folds(derive_report, {
        reporting.ReportSubmitted: report_submitted,
        reporting.ReportResubmitted: report_resubmitted,
        reporting.ReportReturned: report_returned,
        reporting.ReportAccepted: report_accepted,
    }),
}
