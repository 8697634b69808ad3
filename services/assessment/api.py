"""The assessment service's gRPC API."""
from __future__ import annotations

import re

import grpc
from google.protobuf.json_format import ParseDict

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from fedstd.assessment.v1 import events_pb2 as events
from services.common import validation
from services.common.aggregate import Repository
from services.common.errors import NotFoundError, Violations
from services.common.grpc_server import command_metadata
from services.common.projection import wait_for_version
from services.common.readmodel import DocumentStore
from services.assessment.domain import DIMENSION_CAPS, BrandEvaluations, BrandPolicy, brand_stream
from services.assessment.projections import BRAND_EVALUATIONS, LATEST_BRAND_EVALUATION

EVALUATION_NAME = re.compile(r"^enterprises/(?P<uscc>[0-9A-Z]{18})/brandEvaluations/(?P<id>-|[1-9]\d{0,5})$")


def evaluation_message(document: dict) -> api.BrandEvaluation:
    return api.BrandEvaluation(
        name=document["name"],
        uscc=document["uscc"],
        league_code=document["league_code"],
        result=ParseDict(document["result"], events.BrandResult()),
        evaluated_on=document["evaluated_on"],
        version=document["_version"],
    )


class AssessmentApi(api_grpc.AssessmentServiceServicer):
    def __init__(self, evaluations: Repository[BrandEvaluations], docs: DocumentStore, policy: BrandPolicy, read_timeout: float):
        self.evaluations = evaluations
        self.docs = docs
        self.policy = policy
        self.read_timeout = read_timeout

    def RecordBrandEvaluation(self, request: api.RecordBrandEvaluationRequest, context: grpc.ServicerContext) -> api.BrandEvaluation:
        violations = Violations()
        uscc = validation.check_uscc(violations, "uscc", request.uscc)
        league_code = validation.league_of_division(violations, "division_code", request.division_code)
        validation.check_text(violations, "evaluator", request.evaluator, max_length=200)
        violations.check(request.HasField("scores"), "scores", "required: the five first-level scores")
        for dimension, cap in DIMENSION_CAPS.items():
            value = getattr(request.scores, dimension)
            violations.check(0 <= value <= cap, f"scores.{dimension}", f"must be from 0 to {cap}")
        evaluated_on = validation.check_date(violations, "evaluated_on", request.evaluated_on)
        violations.raise_if_any()

        history = self.evaluations.load(brand_stream(uscc))
        event = history.record(uscc, league_code, request.evaluator.strip(), request.scores, evaluated_on, self.policy)
        self.evaluations.save(history, command_metadata(context))
        return api.BrandEvaluation(
            name=event.assessment, uscc=uscc, league_code=league_code, result=event.brand,
            evaluated_on=event.completed_on, version=history.version,
        )

    def GetBrandEvaluation(self, request: api.GetBrandEvaluationRequest, context: grpc.ServicerContext) -> api.BrandEvaluation:
        match = EVALUATION_NAME.fullmatch(request.name)
        violations = Violations()
        violations.check(match is not None, "name", "must look like enterprises/{uscc}/brandEvaluations/{n or -}")
        violations.raise_if_any()
        stream = brand_stream(match["uscc"])
        latest = wait_for_version(self.docs, LATEST_BRAND_EVALUATION, stream, request.min_version, self.read_timeout)
        document = latest if match["id"] == "-" else self.docs.get(BRAND_EVALUATIONS, request.name)
        if document is None:
            raise NotFoundError(f"{request.name} not found")
        return evaluation_message(document)
