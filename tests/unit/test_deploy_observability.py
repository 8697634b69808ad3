"""deploy/observability: the alert rules and the Grafana dashboard are valid PromQL over metrics that
the services really export, and together they cover every fedstd metric."""
from __future__ import annotations

import json
import re
from pathlib import Path

import promql_parser
import pytest
import yaml
from prometheus_client import REGISTRY

from services.common import telemetry

OBSERVABILITY = Path(__file__).resolve().parents[2] / "deploy" / "observability"
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}


def exported() -> set[str]:
    """Every series name fedstd's own metrics expose (the client's process metrics left aside)."""
    assert telemetry.GRPC_HANDLED  # the module registered its metrics
    names = set()
    for family in REGISTRY.collect():
        if family.name.startswith(("fedstd_", "grpc_server_")):
            names |= {family.name + suffix for suffix in SUFFIXES[family.type]}
    return names


def selectors(expr: str) -> set[str]:
    found: set[str] = set()

    def visit(node, *_):
        if isinstance(node, promql_parser.VectorSelector):
            found.add(node.name)

    promql_parser.walk(promql_parser.parse(expr), visit)
    return found


def rules() -> list[dict]:
    groups = yaml.safe_load((OBSERVABILITY / "prometheus-rules.yaml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_queries() -> list[str]:
    dashboard = json.loads((OBSERVABILITY / "grafana-dashboard.json").read_text())
    queries = [t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", [])]
    # Grafana's variables, as Grafana substitutes them.
    return [q.replace("$__rate_interval", "1m").replace("$namespace", ".*") for q in queries]


def test_selector_extraction_reads_nested_expressions() -> None:
    assert selectors('histogram_quantile(0.9, sum by (le) (rate(a_bucket{x="1"}[5m]))) > on() group_left b') == {"a_bucket", "b"}
    with pytest.raises(ValueError):
        promql_parser.parse("sum by (topic (fedstd_relay_lag")


def test_every_alert_is_valid_promql_over_exported_metrics_with_a_runbook() -> None:
    names = exported()
    assert {"FedstdRelayLagging", "FedstdConsumerLagging", "FedstdDeadLetters", "FedstdGrpcErrorRate",
            "FedstdKafkaErrors", "FedstdMongoDBErrors", "FedstdWorkerStalled"} <= {r["alert"] for r in rules()}
    runbooks = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", runbooks, re.M)}
    for rule in rules():
        used = selectors(rule["expr"])
        assert used and used <= names, (rule["alert"], used - names)
        assert rule["labels"]["severity"] in ("warning", "critical")
        assert rule["annotations"]["runbook"].split("#")[1] in anchors, rule["alert"]


def test_the_dashboard_queries_exported_metrics_and_shows_every_one() -> None:
    names = exported()
    used: set[str] = set()
    for query in dashboard_queries():
        found = selectors(query)
        assert found and found <= names, (query, found - names)
        used |= found
    assert used == {n for n in names if not n.endswith(("_sum", "_count"))}
