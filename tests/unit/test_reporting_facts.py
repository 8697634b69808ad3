"""Projection rules: what each stream's events make of its state, and the dated documents derived from it."""
from __future__ import annotations

from datetime import date, datetime, timezone

from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as registry
from fedstd.reporting.v1 import events_pb2 as reporting
from services.reporting import facts
from services.reporting.facts import FAR, FOLDS, Documents, State
from tests.support.reporting import EventLog, uscc

HOHHOT, BAOTOU = "150100", "150200"
ENTERPRISE = f"enterprises/{uscc(HOHHOT, 1)}"
BRAND = f"{ENTERPRISE}/brandEvaluations"


def derived(log: EventLog, stream: str) -> Documents:
    """Folds the stream's events as the projection does and derives its documents."""
    state: State = {}
    fold = None
    for event in log.events:
        if event.stored.stream_id == stream:
            fold = FOLDS[type(event.message)]
            fold.apply(state, event.message)
    assert fold is not None, f"no events of {stream}"
    return fold.derive(stream, state)


def of(documents: Documents, collection: str) -> dict[str, dict]:
    return {key: fields for (c, key), fields in documents.items() if c == collection}


def held_on(document: dict, day: str, start: str = "evaluated_on", end: str = "holds_until") -> bool:
    return document[start] <= day < document[end]


# ------------------------------------------------------------------ brand levels


def brand_levels(*steps) -> dict[str, dict]:
    log = EventLog()
    for step in steps:
        getattr(log, step[0])(*step[1:])
    return of(derived(log, BRAND), facts.BRAND_LEVELS)


def test_a_later_evaluation_supersedes_the_one_before() -> None:
    levels = brand_levels(("evaluation", ENTERPRISE, 1, HOHHOT, date(2022, 3, 1), 910, date(2025, 2, 28)),
                          ("evaluation", ENTERPRISE, 2, HOHHOT, date(2023, 5, 1), 720, date(2026, 4, 30)))
    first, second = levels[f"{BRAND}/1"], levels[f"{BRAND}/2"]
    assert (first["evaluated_on"], first["holds_until"], first["star_level"]) == ("2022-03-01", "2023-05-01",
                                                                                  assessment.STAR_LEVEL_FOUR)
    assert (second["holds_until"], second["star_level"]) == ("2026-05-01", assessment.STAR_LEVEL_TWO)
    assert first["first"] and not second["first"]
    assert held_on(first, "2023-04-30") and not held_on(first, "2023-05-01") and held_on(second, "2023-05-01")


def test_a_level_expires_the_day_after_its_last_valid_day() -> None:
    (level,) = brand_levels(("evaluation", ENTERPRISE, 1, HOHHOT, date(2022, 3, 1), 800, date(2023, 2, 28))).values()
    assert level["holds_until"] == "2023-03-01"
    assert held_on(level, "2023-02-28") and not held_on(level, "2023-03-01")


def test_a_revoked_level_stops_on_its_revocation_and_does_not_bring_back_the_one_it_superseded() -> None:
    levels = brand_levels(("evaluation", ENTERPRISE, 1, HOHHOT, date(2022, 3, 1), 960, date(2025, 2, 28)),
                          ("evaluation", ENTERPRISE, 2, HOHHOT, date(2022, 9, 1), 900, date(2025, 8, 31)),
                          ("evaluation_revoked", f"{BRAND}/2", HOHHOT, date(2023, 1, 10)))
    assert levels[f"{BRAND}/2"]["holds_until"] == "2023-01-10"
    assert levels[f"{BRAND}/1"]["holds_until"] == "2022-09-01"
    assert not any(held_on(level, "2023-01-10") for level in levels.values())


def test_a_revocation_keeps_the_earliest_date_and_ignores_unknown_or_other_kinds() -> None:
    log = EventLog()
    name = log.evaluation(ENTERPRISE, 1, HOHHOT, date(2022, 3, 1), 960, date(2025, 2, 28))
    state: State = {}
    for event in log.events:
        FOLDS[type(event.message)].apply(state, event.message)
    revoke = FOLDS[assessment.AssessmentRevoked].apply
    assert revoke(state, assessment.AssessmentRevoked(assessment=name, kind=assessment.ASSESSMENT_KIND_BRAND,
                                                      revoked_on="2023-06-01"))
    assert revoke(state, assessment.AssessmentRevoked(assessment=name, kind=assessment.ASSESSMENT_KIND_BRAND,
                                                      revoked_on="2023-01-01"))
    assert revoke(state, assessment.AssessmentRevoked(assessment=name, kind=assessment.ASSESSMENT_KIND_BRAND,
                                                      revoked_on="2024-01-01"))
    assert not revoke(state, assessment.AssessmentRevoked(assessment=f"{BRAND}/9", kind=assessment.ASSESSMENT_KIND_BRAND,
                                                          revoked_on="2023-01-01"))
    assert not revoke(state, assessment.AssessmentRevoked(assessment=name, kind=assessment.ASSESSMENT_KIND_FORERUNNER,
                                                          revoked_on="2022-04-01"))
    assert state["evaluations"][0]["revoked_on"] == "2023-01-01"


def test_two_evaluations_on_one_day_leave_the_later_one_current() -> None:
    levels = brand_levels(("evaluation", ENTERPRISE, 1, HOHHOT, date(2022, 3, 1), 960, date(2025, 2, 28)),
                          ("evaluation", ENTERPRISE, 2, HOHHOT, date(2022, 3, 1), 650, date(2025, 2, 28)))
    assert levels[f"{BRAND}/1"]["holds_until"] == "2022-03-01"  # never held
    assert held_on(levels[f"{BRAND}/2"], "2022-03-01")


def test_the_streak_of_two_star_levels_starts_over_after_a_gap_a_lower_level_or_a_revocation() -> None:
    levels = brand_levels(
        ("evaluation", ENTERPRISE, 1, HOHHOT, date(2021, 11, 1), 720, date(2022, 10, 31)),
        ("evaluation", ENTERPRISE, 2, HOHHOT, date(2022, 11, 1), 960, date(2023, 10, 31)),  # renewed on time
        ("evaluation", ENTERPRISE, 3, HOHHOT, date(2024, 1, 1), 900, date(2024, 12, 31)),   # after a gap
        ("evaluation", ENTERPRISE, 4, HOHHOT, date(2024, 6, 1), 600, date(2025, 5, 31)),    # below two-star
        ("evaluation", ENTERPRISE, 5, HOHHOT, date(2024, 9, 1), 800, date(2025, 8, 31)),
        ("evaluation", ENTERPRISE, 6, HOHHOT, date(2025, 3, 1), 800, date(2026, 2, 28)),
        ("evaluation_revoked", f"{BRAND}/6", HOHHOT, date(2025, 4, 1)),
        ("evaluation", ENTERPRISE, 7, HOHHOT, date(2025, 5, 1), 800, date(2026, 4, 30)),    # after a revocation
    )
    streaks = [levels[f"{BRAND}/{n}"]["streak_from"] for n in range(1, 8)]
    assert streaks == ["2021-11-01", "2021-11-01", "2024-01-01", None, "2024-09-01", "2024-09-01", "2025-05-01"]


def test_only_brand_assessments_count_and_a_repeated_one_changes_nothing() -> None:
    state: State = {}
    completed = FOLDS[assessment.AssessmentCompleted].apply
    brand = assessment.AssessmentCompleted(assessment=f"{BRAND}/1", kind=assessment.ASSESSMENT_KIND_BRAND,
                                           subject=ENTERPRISE, league_code=HOHHOT, completed_on="2022-01-01",
                                           brand=assessment.BrandResult(total_score=900, star_level=4, valid_until="2024-12-31"))
    assert completed(state, brand)
    assert not completed(state, brand)
    assert not completed({}, assessment.AssessmentCompleted(assessment="x", kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR))
    assert len(state["evaluations"]) == 1


# ------------------------------------------------------------------ enterprises


def test_an_enterprise_is_counted_where_and_as_the_registry_listed_it_on_each_day() -> None:
    log = EventLog()
    stream = log.enterprise(uscc(HOHHOT, 1), HOHHOT, date(2021, 10, 1), private=True, sectors=[1, 7])
    log.enterprise_changed(stream, BAOTOU, date(2022, 6, 1), sectors=[2])
    log.enrolled(stream, BAOTOU, 2022, date(2022, 7, 1))
    log.enrolled(stream, BAOTOU, 2023, date(2023, 1, 1))  # already enrolled: no second period
    log.withdrew(stream, date(2023, 3, 1))
    documents = derived(log, stream)
    profiles = of(documents, facts.ENTERPRISE_PROFILES)
    assert profiles[f"{stream}#p0"] == {
        "subject": stream, "league_code": HOHHOT, "is_private": True, "from": "2021-10-01", "until": "2022-06-01",
        **{f"sector_{s}": s in (1, 7) for s in range(1, 12)}}
    assert profiles[f"{stream}#p1"]["league_code"] == BAOTOU
    assert profiles[f"{stream}#p1"]["until"] == FAR
    assert profiles[f"{stream}#p1"]["sector_2"] and not profiles[f"{stream}#p1"]["sector_7"]
    assert of(documents, facts.PILOT_ENROLMENTS) == {f"{stream}#e0": {
        "subject": stream, "league_code": BAOTOU, "year": 2022, "from": "2022-07-01", "until": "2023-03-01"}}


def test_a_change_dated_before_an_earlier_change_is_placed_in_date_order() -> None:
    log = EventLog()
    stream = log.enterprise(uscc(HOHHOT, 1), HOHHOT, date(2021, 10, 1))
    log.enterprise_changed(stream, BAOTOU, date(2023, 1, 1), sectors=[2])
    log.enterprise_changed(stream, "150300", date(2022, 1, 1), sectors=[3])
    profiles = of(derived(log, stream), facts.ENTERPRISE_PROFILES)
    assert [(p["league_code"], p["from"], p["until"]) for p in profiles.values()] == [
        (HOHHOT, "2021-10-01", "2022-01-01"), ("150300", "2022-01-01", "2023-01-01"), (BAOTOU, "2023-01-01", FAR)]


def test_a_withdrawal_without_an_enrolment_changes_nothing() -> None:
    assert not FOLDS[registry.EnterpriseWithdrewFromBrandPilot].apply(
        {}, registry.EnterpriseWithdrewFromBrandPilot(enterprise=ENTERPRISE, withdrawn_on="2022-01-01"))


# ------------------------------------------------------------------ chambers


def test_a_pilot_chamber_counts_its_latest_good_behaviour_result_until_revoked() -> None:
    log = EventLog()
    chamber = log.chamber("NMB", HOHHOT, date(2021, 9, 1))
    log.chamber_pilot(chamber, 2022, date(2022, 3, 1))
    log.chamber_pilot(chamber, 2021, date(2021, 10, 1))
    log.good_behaviour(chamber, 1, date(2022, 5, 1), conforms=False)
    second = log.good_behaviour(chamber, 2, date(2022, 11, 1), conforms=True)
    log.good_behaviour_revoked(chamber, second, date(2023, 2, 1))
    documents = derived(log, chamber)
    assert of(documents, facts.CHAMBERS) == {chamber: {"league_code": HOHHOT, "registered_on": "2021-09-01",
                                                       "pilot_from": "2021-10-01"}}
    results = of(documents, facts.GOOD_BEHAVIOUR)
    assert [(r["evaluated_on"], r["holds_until"], r["conforms"]) for r in results.values()] == [
        ("2022-05-01", "2022-11-01", False), ("2022-11-01", "2023-02-01", True)]
    assert all(r["pilot_from"] == "2021-10-01" for r in results.values())


# ------------------------------------------------------------------ group standards


def test_a_group_standard_through_its_lifecycle() -> None:
    log = EventLog()
    stream = log.standard_proposed("NMB", "s1", HOHHOT, date(2022, 1, 5), sectors=[4])
    before_publication = of(derived(log, stream), facts.STANDARDS)[stream]
    assert (before_publication["proposed_on"], before_publication["published_on"]) == ("2022-01-05", FAR)
    log.standard_published(stream, HOHHOT, date(2022, 6, 1), 14, sectors=[4])
    log.standard_published(stream, HOHHOT, date(2023, 6, 1), 14)  # a revision keeps the first publication date
    log.conversion(stream, date(2022, 9, 1), accepted=False)
    log.conversion(stream, date(2022, 12, 1), accepted=True)
    log.translated(stream, date(2023, 2, 1), "mn")
    log.translated(stream, date(2022, 10, 1), "en")
    log.leader(stream, 2022, date(2022, 7, 1), listed=date(2022, 9, 1), revoked=date(2023, 3, 1))
    log.leader(stream, 2023, date(2023, 7, 1))
    log.review(stream, date(2023, 8, 1), date(2023, 9, 1), registry.PERIODIC_REVIEW_OUTCOME_CONTINUE)
    log.review(stream, date(2024, 1, 1), date(2024, 2, 1), registry.PERIODIC_REVIEW_OUTCOME_ABOLISH)
    log.abolished(stream, date(2024, 3, 1))
    documents = derived(log, stream)
    standard = of(documents, facts.STANDARDS)[stream]
    assert {name: standard[name] for name in ("league_code", "number", "proposed_on", "published_on", "abolished_on",
                                               "converted_on", "translated_on", "sector_4")} == {
        "league_code": HOHHOT, "number": "T/NMB 14—2023", "proposed_on": "2022-01-05", "published_on": "2022-06-01",
        "abolished_on": "2024-02-01", "converted_on": "2022-12-01", "translated_on": "2022-10-01", "sector_4": True}
    assert [(r["from"], r["until"]) for r in of(documents, facts.STANDARD_REVIEWS).values()] == [
        ("2023-08-01", "2023-09-01"), ("2024-01-01", "2024-02-01")]
    leaders = of(documents, facts.LEADERS)
    assert leaders[f"{stream}#l2022"] == {"league_code": HOHHOT, "year": 2022, "recommended_on": "2022-07-01",
                                          "listed_on": "2022-09-01", "listed_until": "2023-03-01"}
    assert leaders[f"{stream}#l2023"]["listed_on"] is None


def test_a_standard_published_without_a_proposal_has_no_development_period() -> None:
    log = EventLog()
    stream = "chambers/NMB/groupStandards/14-2023"
    log.standard_published(stream, HOHHOT, date(2023, 7, 24), 14)
    standard = of(derived(log, stream), facts.STANDARDS)[stream]
    assert standard["proposed_on"] is None and standard["published_on"] == "2023-07-24"


# ------------------------------------------------------------------ declarations, forerunners, training


def test_a_withdrawn_self_declaration_stops_counting() -> None:
    log = EventLog()
    stream = log.declared(ENTERPRISE, "d1", HOHHOT, date(2022, 2, 1))
    log.declaration_withdrawn(stream, date(2022, 8, 1))
    assert of(derived(log, stream), facts.DECLARATIONS) == {stream: {
        "league_code": HOHHOT, "enterprise": ENTERPRISE, "disclosed_on": "2022-02-01", "withdrawn_on": "2022-08-01"}}


def test_a_revoked_forerunner_stops_before_its_validity_ends() -> None:
    log = EventLog()
    kept, revoked = f"{ENTERPRISE}/declarations/d1", f"{ENTERPRISE}/declarations/d2"
    stream = log.forerunner_listed(2022, "s1", kept, HOHHOT, date(2022, 11, 1), date(2023, 10, 31))
    log.forerunner_listed(2022, "s1", revoked, HOHHOT, date(2022, 11, 1), date(2023, 10, 31))
    log.forerunner_revoked(stream, revoked, date(2023, 2, 1))
    entries = of(derived(log, stream), facts.FORERUNNERS)
    assert entries[f"{stream}#{kept}"]["holds_until"] == "2023-11-01"
    assert entries[f"{stream}#{revoked}"]["holds_until"] == "2023-02-01"
    assert not FOLDS[registry.ForerunnerRevoked].apply({}, registry.ForerunnerRevoked(declaration=kept, revoked_on="2023-01-01"))


def test_a_ranked_standard_takes_part_from_its_first_ranking() -> None:
    log = EventLog()
    declaration = f"{ENTERPRISE}/declarations/d1"
    log.ranking("s1", [(declaration, HOHHOT)], date(2022, 9, 1))
    log.ranking("s1", [(declaration, HOHHOT), (f"{ENTERPRISE}/declarations/d2", HOHHOT)], date(2022, 9, 20))
    participants = of(derived(log, "forerunnerSchemes/s1"), facts.FORERUNNER_PARTICIPANTS)
    assert [p["ranked_on"] for p in participants.values()] == ["2022-09-01", "2022-09-20"]


def test_every_trainee_of_a_batch_counts_from_the_day_it_was_held() -> None:
    log = EventLog()
    stream = log.training("b1", HOHHOT, date(2022, 4, 1), trainees=3)
    log.trainees_recorded(stream, 2)
    documents = derived(log, stream)
    assert of(documents, facts.TRAINING_BATCHES) == {stream: {"league_code": HOHHOT, "held_on": "2022-04-01"}}
    assert len(of(documents, facts.TRAINEES)) == 5


# ------------------------------------------------------------------ annual reports


def test_a_returned_and_resubmitted_report_keeps_its_history_as_dated_states() -> None:
    log = EventLog()
    stream = log.report_submitted(HOHHOT, 2022, date(2023, 2, 3), private=30, late=True)
    log.report_returned(stream, 1, date(2023, 2, 10))
    log.report_resubmitted(stream, 2, date(2023, 2, 20), private=35)
    log.report_accepted(stream, 2, date(2023, 3, 1))
    documents = derived(log, stream)
    report = of(documents, facts.REPORTS)[stream]
    assert {name: report[name] for name in ("league_code", "year", "state", "revision", "first_submitted_on",
                                             "submitted_late", "resubmit_by", "narrative")} == {
        "league_code": HOHHOT, "year": 2022, "state": "accepted", "revision": 2, "first_submitted_on": "2023-02-03",
        "submitted_late": True, "resubmit_by": "2023-02-25", "narrative": "corrected"}
    assert report["figures"]["private_enterprises"] == 35
    assert report["issues"] == [{"figure": "trainees", "description": "please check"}]
    states = of(documents, facts.REPORT_STATES)
    assert [(s["state"], s["revision"], s["from"], s["until"], s["private_enterprises"]) for s in states.values()] == [
        ("submitted", 1, "2023-02-03", "2023-02-10", 30), ("returned", 1, "2023-02-10", "2023-02-20", 30),
        ("submitted", 2, "2023-02-20", "2023-03-01", 35), ("accepted", 2, "2023-03-01", FAR, 35)]


def test_a_submission_late_in_the_evening_utc_is_dated_in_china_standard_time() -> None:
    log = EventLog()
    stream = "leagues/150100/annualReports/2021"
    submitted_at = Timestamp()
    submitted_at.FromDatetime(datetime(2022, 1, 31, 17, 30, tzinfo=timezone.utc))  # 01:30 on 1 February in Beijing
    log.add("reporting", stream, reporting.ReportSubmitted(report=stream, league_code=HOHHOT, year=2021,
                                                           submitted_at=submitted_at))
    assert of(derived(log, stream), facts.REPORTS)[stream]["first_submitted_on"] == "2022-02-01"


def test_derived_keys_only_grow_as_a_stream_goes_on() -> None:
    """The projection writes changes only; a key once derived must stay derived."""
    log = EventLog()
    stream = log.enterprise(uscc(HOHHOT, 1), HOHHOT, date(2021, 10, 1))
    keys: set = set()
    for change in (date(2023, 1, 1), date(2022, 1, 1), date(2021, 12, 1)):
        log.enterprise_changed(stream, BAOTOU, change, sectors=[2])
        now = set(derived(log, stream))
        assert keys <= now
        keys = now
