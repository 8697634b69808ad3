"""The brand-evaluation command at the API edge, called directly (no server): score caps,
second-level detail against the configured weights, and the pilot-enrolment policy."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import events_pb2 as events
from services.assessment.api import AssessmentApi
from services.assessment.policy import AssessmentPolicy
from services.assessment.projections import KNOWN_ENTERPRISES
from services.common.auth import Caller, Role, reset_current_caller, set_current_caller
from services.common.errors import FailedPreconditionError, ValidationError
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.readmodel import Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.demo import synthetic_uscc

USCC = synthetic_uscc("150100", 9)
WEIGHTS = {"quality": {"enterprise_quality": 90, "goods_quality": 90, "service_quality": 120}}
CAPS = {"capability": 150, "quality": 300, "reputation": 250, "culture": 150, "influence": 150}


class Context:
    """The part of grpc.ServicerContext the command reads."""

    def invocation_metadata(self):
        return ()


@pytest.fixture
def stores(tmp_path) -> Iterator[tuple[SqliteEventStore, SqliteDocumentStore]]:
    store, docs = SqliteEventStore(tmp_path / "events.db"), SqliteDocumentStore(tmp_path / "views.db")
    docs.apply([Put(KNOWN_ENTERPRISES, f"enterprises/{USCC}", 1,
                    {"uscc": USCC, "league_code": "150100", "registered": True})])
    token = set_current_caller(Caller(subject="evaluators/body", role=Role.EVALUATOR, scope="body"))
    yield store, docs
    reset_current_caller(token)
    store.close()
    docs.close()


def record(stores, policy: AssessmentPolicy, scores: events.BrandScores, detail=()) -> api.BrandEvaluation:
    servicer = AssessmentApi(*stores, policy, read_timeout=0.1)
    return servicer.RecordBrandEvaluation(api.RecordBrandEvaluationRequest(
        uscc=USCC, evaluator="evaluators/body", scores=scores, evaluated_on="2022-06-30", indicator_scores=detail), Context())


def full(**overrides: int) -> events.BrandScores:
    return events.BrandScores(**{**CAPS, **overrides})


def test_every_cap_is_reachable_and_the_total_is_1000(stores) -> None:
    evaluation = record(stores, AssessmentPolicy(), full())
    assert (evaluation.result.total_score, evaluation.result.star_level) == (1000, events.STAR_LEVEL_FIVE)
    assert evaluation.league_code == "150100"


@pytest.mark.parametrize("dimension", list(CAPS))
def test_a_score_above_its_cap_or_below_zero_is_refused(stores, dimension: str) -> None:
    for value in (CAPS[dimension] + 1, -1):
        with pytest.raises(ValidationError) as refused:
            record(stores, AssessmentPolicy(), full(**{dimension: value}))
        assert [(v.field, v.description) for v in refused.value.violations] == [
            (f"scores.{dimension}", f"must be from 0 to {CAPS[dimension]}")]


def test_second_level_detail_needs_configured_weights(stores) -> None:
    detail = [events.IndicatorScore(indicator="service_quality", points=120)]
    with pytest.raises(FailedPreconditionError) as refused:
        record(stores, AssessmentPolicy(), full(), detail)
    assert refused.value.reason == "INDICATOR_WEIGHTS_NOT_CONFIGURED"


def test_second_level_detail_that_adds_up_is_kept_and_one_that_does_not_is_refused(stores) -> None:
    policy = AssessmentPolicy(brand_indicator_weights=WEIGHTS)
    detail = [events.IndicatorScore(indicator=name, points=points)
              for name, points in (("enterprise_quality", 85), ("goods_quality", 80), ("service_quality", 114))]
    evaluation = record(stores, policy, full(quality=279), detail)
    assert [(i.indicator, i.points) for i in evaluation.result.indicator_scores] == [
        ("enterprise_quality", 85), ("goods_quality", 80), ("service_quality", 114)]
    with pytest.raises(ValidationError) as refused:
        record(stores, policy, full(quality=280), detail)
    assert [v.field for v in refused.value.violations] == ["indicator_scores"]


def test_a_deployment_may_require_brand_pilot_enrolment(stores) -> None:
    policy = AssessmentPolicy(brand_requires_pilot_enrolment=True)
    with pytest.raises(FailedPreconditionError) as refused:
        record(stores, policy, full())
    assert refused.value.reason == "ENTERPRISE_NOT_IN_BRAND_PILOT"
    stores[1].apply([Put(KNOWN_ENTERPRISES, f"enterprises/{USCC}", 2, {"brand_pilot_year": 2022})])
    assert record(stores, policy, full()).name.endswith("/1")
    stores[1].apply([Put(KNOWN_ENTERPRISES, f"enterprises/{USCC}", 3, {"brand_pilot_withdrawn_on": "2022-07-01"})])
    with pytest.raises(FailedPreconditionError):
        record(stores, policy, full())
