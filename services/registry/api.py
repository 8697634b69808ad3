"""The registry's gRPC API: commands go through aggregates, queries read the registry's views."""
from __future__ import annotations

import re

import grpc

from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from services.common import validation
from services.common.aggregate import Repository
from services.common.errors import Violations
from services.common.grpc_server import command_metadata
from services.common.projection import read_document
from services.common.readmodel import DocumentStore
from services.registry.domain import GroupStandard, group_standard_name
from services.registry.projections import GROUP_STANDARDS

GROUP_STANDARD_NAME = re.compile(r"^chambers/[A-Z][A-Z0-9]{1,15}/groupStandards/\d{1,6}-\d{4}$")
STATES = {"published": api.GROUP_STANDARD_STATE_PUBLISHED}


def group_standard_message(document: dict) -> api.GroupStandard:
    return api.GroupStandard(
        name=document["_key"],
        number=document["number"],
        org_code=document["org_code"],
        title=document["title"],
        league_code=document["league_code"],
        state=STATES.get(document["state"], api.GROUP_STANDARD_STATE_UNSPECIFIED),
        published_on=document["published_on"],
        effective_on=document["effective_on"],
        version=document["_version"],
    )


class RegistryApi(api_grpc.RegistryServiceServicer):
    def __init__(self, standards: Repository[GroupStandard], docs: DocumentStore, read_timeout: float):
        self.standards = standards
        self.docs = docs
        self.read_timeout = read_timeout

    def PublishGroupStandard(self, request: api.PublishGroupStandardRequest, context: grpc.ServicerContext) -> api.GroupStandard:
        violations = Violations()
        validation.check_org_code(violations, "org_code", request.org_code)
        violations.check(1 <= request.sequence <= 999_999, "sequence", "must be from 1 to 999999")
        violations.check(2000 <= request.year <= 2100, "year", "must be from 2000 to 2100")
        validation.check_text(violations, "title", request.title)
        validation.check_league(violations, "league_code", request.league_code)
        published_on = validation.check_date(violations, "published_on", request.published_on)
        effective_on = validation.check_date(violations, "effective_on", request.effective_on, required=False)
        if published_on and effective_on:
            violations.check(effective_on >= published_on, "effective_on", "must not be before published_on")
        if published_on:
            violations.check(published_on.year == request.year, "year", "must be the year of published_on")
        violations.raise_if_any()

        standard = self.standards.load(group_standard_name(request.org_code, request.sequence, request.year))
        standard.publish(
            request.org_code, request.sequence, request.year, request.title.strip(), request.league_code,
            request.published_on, request.effective_on,
        )
        stored = self.standards.save(standard, command_metadata(context))
        event = stored[-1].message()
        return api.GroupStandard(
            name=standard.stream_id,
            number=event.number,
            org_code=event.org_code,
            title=event.title,
            league_code=event.league_code,
            state=api.GROUP_STANDARD_STATE_PUBLISHED,
            published_on=event.published_on,
            effective_on=event.effective_on,
            version=standard.version,
        )

    def GetGroupStandard(self, request: api.GetGroupStandardRequest, context: grpc.ServicerContext) -> api.GroupStandard:
        violations = Violations()
        violations.check(bool(GROUP_STANDARD_NAME.fullmatch(request.name)), "name",
                         "must look like chambers/{org_code}/groupStandards/{sequence}-{year}")
        violations.raise_if_any()
        return group_standard_message(
            read_document(self.docs, GROUP_STANDARDS, request.name, request.min_version, self.read_timeout))

    def ListGroupStandards(self, request: api.ListGroupStandardsRequest, context: grpc.ServicerContext) -> api.ListGroupStandardsResponse:
        violations = Violations()
        if request.league_code:
            validation.check_league(violations, "league_code", request.league_code)
        violations.raise_if_any()
        size = validation.page_size(request.page_size)
        query = {"league_code": request.league_code} if request.league_code else {}
        after = validation.decode_page_token(request.page_token, query)
        documents = self.docs.find(GROUP_STANDARDS, query, after_key=after, limit=size + 1)
        response = api.ListGroupStandardsResponse(group_standards=[group_standard_message(d) for d in documents[:size]])
        if len(documents) > size:
            response.next_page_token = validation.encode_page_token(documents[size - 1]["_key"], query)
        return response
