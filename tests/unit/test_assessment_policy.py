"""Assessment policy (services/assessment/policy.py): defaults, validation of what an operator
configures, and the environment variables."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.assessment.policy import SECOND_LEVEL_INDICATORS, AssessmentPolicy, Checklist, PolicyError
from services.assessment.scoring import DIMENSION_CAPS

QUALITY = {"enterprise_quality": 90, "goods_quality": 90, "service_quality": 120}


def test_defaults_invent_nothing() -> None:
    policy = AssessmentPolicy()
    assert policy.brand_validity_years == 3
    assert dict(policy.brand_indicator_weights) == {}
    assert policy.brand_requires_pilot_enrolment is False
    assert policy.forerunner_validity_years == 1
    assert policy.checklists == ()
    assert policy.leader_max_score == 100.0
    assert len(SECOND_LEVEL_INDICATORS) == len(set(SECOND_LEVEL_INDICATORS)) == 17


def test_weights_that_add_up_to_each_parents_cap_are_accepted() -> None:
    policy = AssessmentPolicy(brand_indicator_weights={
        "quality": QUALITY,
        "capability": {"brand_planning": 50, "brand_management": 50, "assurance_mechanism": 50},
    })
    assert policy.indicator_parent("service_quality") == "quality"
    assert policy.indicator_parent("brand_planning") == "capability"
    assert policy.indicator_parent("awareness") is None
    with pytest.raises(TypeError):
        policy.brand_indicator_weights["quality"]["goods_quality"] = 1  # frozen


@pytest.mark.parametrize(("weights", "problem"), [
    ({"quality": {"enterprise_quality": 90, "goods_quality": 89, "service_quality": 120}}, "add up to 299, not to its cap 300"),
    ({"quality": {"enterprise_quality": 100, "goods_quality": 90, "service_quality": 120}}, "add up to 310"),
    ({"reputation": {"awareness": 100, "esteem": 100}}, "add up to 200, not to its cap 250"),
    ({"brand": {"awareness": 250}}, "not a first-level indicator"),
    ({"reputation": {"fame": 250}}, "not a second-level indicator"),
    ({"quality": {"enterprise_quality": 180, "service_quality": 120}, "culture": {"enterprise_quality": 150}},
     "under both"),
    ({"quality": {"enterprise_quality": 100, "goods_quality": 100, "service_quality": 100}}, "worth 120 points"),
    ({"influence": {"service_quality": 120, "promotion": 30}}, "belongs under 'quality'"),
    ({"reputation": {"awareness": 260, "esteem": -10}}, "positive whole points"),
])
def test_weights_that_do_not_fit_are_refused(weights: dict, problem: str) -> None:
    with pytest.raises(PolicyError, match=problem):
        AssessmentPolicy(brand_indicator_weights=weights)


def test_every_cap_can_be_split_over_its_inferred_indicators() -> None:
    grouping = {
        "capability": SECOND_LEVEL_INDICATORS[0:3], "quality": SECOND_LEVEL_INDICATORS[3:6],
        "reputation": SECOND_LEVEL_INDICATORS[6:9], "culture": SECOND_LEVEL_INDICATORS[9:12],
        "influence": SECOND_LEVEL_INDICATORS[12:17],
    }
    weights = {}
    for parent, children in grouping.items():
        share = {child: DIMENSION_CAPS[parent] // len(children) for child in children}
        share[children[0]] += DIMENSION_CAPS[parent] - sum(share.values())
        weights[parent] = share
    weights["quality"] = QUALITY
    assert len(AssessmentPolicy(brand_indicator_weights=weights).brand_indicator_weights) == 5


def checklist(**overrides) -> Checklist:
    values = {"checklist_id": "gbt20004", "groups": {"organization": 40, "procedure": 60}, "pass_points": 60,
              "grades": ((90, "excellent"), (60, "conforming"))}
    return Checklist(**{**values, **overrides})


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"checklist_id": "Bad Id"}, "lower-case"),
    ({"groups": {}}, "no groups"),
    ({"groups": {"organization": 0, "procedure": 60}}, "positive points"),
    ({"pass_points": 101}, "pass_points must be from 1 to the total of 100"),
    ({"pass_points": 0}, "pass_points"),
    ({"grades": ((60, "conforming"), (90, "excellent"))}, "highest minimum down"),
    ({"grades": ((90, "a"), (90, "b"))}, "each minimum once"),
    ({"grades": ((120, "excellent"),)}, "within 0..100"),
    ({"grades": ((90, " "),)}, "a label"),
])
def test_checklists_that_cannot_be_right_are_refused(overrides: dict, problem: str) -> None:
    with pytest.raises(PolicyError, match=problem):
        AssessmentPolicy(checklists=(checklist(**overrides),))


def test_checklist_ids_are_unique_and_found_by_id() -> None:
    policy = AssessmentPolicy(checklists=(checklist(), checklist(checklist_id="other")))
    assert policy.checklist("other").checklist_id == "other"
    assert policy.checklist("missing") is None
    assert policy.checklist("gbt20004").max_points == 100
    with pytest.raises(PolicyError, match="unique"):
        AssessmentPolicy(checklists=(checklist(), checklist()))


@pytest.mark.parametrize(("values", "problem"), [
    ({"brand_validity_years": 0}, "at least one year"),
    ({"forerunner_validity_years": 0}, "at least one year"),
    ({"leader_max_score": 0}, "positive"),
])
def test_periods_and_maxima_must_be_positive(values: dict, problem: str) -> None:
    with pytest.raises(PolicyError, match=problem):
        AssessmentPolicy(**values)


def test_from_env_reads_every_setting(tmp_path: Path) -> None:
    checklists = tmp_path / "checklists.json"
    checklists.write_text(json.dumps([{"id": "gbt20004", "pass_points": 60, "groups": {"organization": 40, "procedure": 60},
                                       "grades": [[90, "excellent"]]}]), encoding="utf-8")
    policy = AssessmentPolicy.from_env({
        "FEDSTD_BRAND_VALIDITY_YEARS": "2",
        "FEDSTD_BRAND_INDICATOR_WEIGHTS": json.dumps({"quality": QUALITY}),
        "FEDSTD_BRAND_REQUIRES_PILOT_ENROLMENT": "true",
        "FEDSTD_FORERUNNER_VALIDITY_YEARS": "2",
        "FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS": f"@{checklists}",
        "FEDSTD_LEADER_MAX_SCORE": "10",
    })
    assert policy.brand_validity_years == 2 and policy.forerunner_validity_years == 2
    assert dict(policy.brand_indicator_weights["quality"]) == QUALITY
    assert policy.brand_requires_pilot_enrolment is True
    assert policy.checklist("gbt20004").grades == ((90, "excellent"),)
    assert policy.leader_max_score == 10.0
    assert AssessmentPolicy.from_env({}) == AssessmentPolicy()


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("FEDSTD_BRAND_INDICATOR_WEIGHTS", "{not json", "not valid JSON"),
    ("FEDSTD_BRAND_INDICATOR_WEIGHTS", json.dumps({"quality": {"service_quality": 120}}), "not to its cap 300"),
    ("FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS", json.dumps([{"id": "x"}]), "needs id, groups and pass_points"),
])
def test_from_env_refuses_bad_configuration(name: str, value: str, problem: str) -> None:
    with pytest.raises(PolicyError, match=problem):
        AssessmentPolicy.from_env({name: value})
