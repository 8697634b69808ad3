"""deploy/k8s: both overlays render with kustomize and pass the schema and policy checks of
scripts/validate_k8s.py, and the policy check fails a manifest that drops a probe, a limit or the
securityContext."""
from __future__ import annotations

import copy
import hashlib
import os
import re
import textwrap
from pathlib import Path

import pytest

from scripts.validate_k8s import OVERLAYS, SCHEMAS, name_of, policy_problems, problems, render, schema_problems


@pytest.fixture(scope="module", params=sorted(OVERLAYS))
def overlay(request: pytest.FixtureRequest) -> tuple[str, list[dict]]:
    return request.param, render(OVERLAYS[request.param])


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    return {name: render(path) for name, path in OVERLAYS.items()}


def find(docs: list[dict], kind: str, name: str | None = None) -> list[dict]:
    return [d for d in docs if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]


def test_every_overlay_renders_and_passes_schemas_and_policy(overlay: tuple[str, list[dict]]) -> None:
    name, docs = overlay
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy", "Kafka", "KafkaNodePool",
            "KafkaTopic", "KafkaUser", "MongoDBCommunity"} <= kinds, name
    assert problems(docs) == []


def test_each_service_has_an_api_and_a_worker_with_account_service_and_budget(rendered: dict[str, list[dict]]) -> None:
    docs = rendered["prod"]
    for service in ("registry", "assessment", "reporting"):
        for part in ("api", "worker"):
            name = f"fedstd-{service}-{part}"
            for kind in ("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget"):
                assert len(find(docs, kind, name)) == 1, (kind, name)
        args = find(docs, "Deployment", f"fedstd-{service}-worker")[0]["spec"]["template"]["spec"]["containers"][0]["args"]
        assert args[args.index("--roles") + 1] == "relay,projector"
        hpa = find(docs, "HorizontalPodAutoscaler", f"fedstd-{service}-api")[0]
        assert hpa["spec"]["scaleTargetRef"]["name"] == f"fedstd-{service}-api" and hpa["spec"]["minReplicas"] >= 2
    # Every topic has its dead-letter topic; every service has its own Kafka and MongoDB user.
    topics = {d["spec"]["topicName"] for d in find(docs, "KafkaTopic")}
    assert topics == {f"fedstd.{s}.v1{suffix}" for s in ("registry", "assessment", "reporting") for suffix in ("", ".deadletter")}
    assert {d["metadata"]["name"] for d in find(docs, "KafkaUser")} == {"fedstd-registry", "fedstd-assessment", "fedstd-reporting"}
    mongo = find(docs, "MongoDBCommunity")[0]["spec"]
    assert mongo["security"]["authentication"]["modes"] == ["SCRAM"]
    assert {u["name"] for u in mongo["users"]} == {"fedstd-registry", "fedstd-assessment", "fedstd-reporting"}


def test_dev_is_one_of_each_and_prod_is_three_with_anti_affinity(rendered: dict[str, list[dict]]) -> None:
    dev, prod = rendered["dev"], rendered["prod"]
    assert find(dev, "KafkaNodePool")[0]["spec"]["replicas"] == 1
    assert find(dev, "MongoDBCommunity")[0]["spec"]["members"] == 1
    assert all(d["spec"]["replicas"] == 1 for d in find(dev, "Deployment"))
    assert find(dev, "HorizontalPodAutoscaler") == []
    assert all(t["spec"]["replicas"] == 1 for t in find(dev, "KafkaTopic"))

    pool = find(prod, "KafkaNodePool")[0]["spec"]
    assert pool["replicas"] == 3 and set(pool["roles"]) == {"controller", "broker"}
    assert pool["template"]["pod"]["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    mongo = find(prod, "MongoDBCommunity")[0]["spec"]
    assert mongo["members"] == 3
    assert mongo["statefulSet"]["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
    assert all(t["spec"]["replicas"] == 3 for t in find(prod, "KafkaTopic"))
    assert all("podAntiAffinity" in d["spec"]["template"]["spec"]["affinity"] for d in find(prod, "Deployment"))
    # TLS only in prod: the Kafka listener, the client settings and the MongoDB replica set.
    assert find(prod, "Kafka")[0]["spec"]["kafka"]["listeners"][0]["tls"] is True
    assert find(dev, "Kafka")[0]["spec"]["kafka"]["listeners"][0]["tls"] is False
    assert find(prod, "ConfigMap")[0]["data"]["FEDSTD_KAFKA_CLIENT_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert mongo["security"]["tls"]["enabled"] is True


def test_network_policies_deny_by_default_and_open_only_the_designed_flows(rendered: dict[str, list[dict]]) -> None:
    policies = {d["metadata"]["name"]: d["spec"] for d in find(rendered["prod"], "NetworkPolicy")}
    deny = policies["fedstd-default-deny"]
    assert deny["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "fedstd"}
    assert set(deny["policyTypes"]) == {"Ingress", "Egress"} and "ingress" not in deny and "egress" not in deny
    egress_ports = {p["port"] for spec in policies.values() for rule in spec.get("egress", []) for p in rule["ports"]}
    assert egress_ports == {53, 9092, 9093, 27017}
    listener = find(rendered["prod"], "Kafka")[0]["spec"]["kafka"]["listeners"][0]
    assert listener["networkPolicyPeers"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "fedstd"}}}]


def test_policy_check_catches_a_container_without_probes_through_kustomize(tmp_path: Path) -> None:
    """An overlay that drops the probes of one container renders fine and fails the policy check."""
    overlay = tmp_path / "no-probes"
    overlay.mkdir()
    (overlay / "kustomization.yaml").write_text(textwrap.dedent(f"""\
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - {os.path.relpath(OVERLAYS['dev'], overlay)}
        patches:
          - target: {{kind: Deployment, name: fedstd-reporting-worker}}
            patch: |-
              - {{op: remove, path: /spec/template/spec/containers/0/readinessProbe}}
              - {{op: remove, path: /spec/template/spec/containers/0/livenessProbe}}
        """))
    docs = render(overlay)
    assert schema_problems(docs) == []  # still valid Kubernetes: only the policy refuses it
    assert policy_problems(docs) == [
        "Deployment/fedstd-reporting-worker container fedstd: no readinessProbe",
        "Deployment/fedstd-reporting-worker container fedstd: no livenessProbe",
    ]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda c, p: c["resources"].pop("limits"), "no cpu in resources.limits"),
        (lambda c, p: c["resources"]["requests"].pop("memory"), "no memory in resources.requests"),
        (lambda c, p: c.pop("securityContext"), "securityContext.allowPrivilegeEscalation is not false"),
        (lambda c, p: c["securityContext"].update(readOnlyRootFilesystem=False), "readOnlyRootFilesystem is not true"),
        (lambda c, p: c["securityContext"]["capabilities"].update(drop=["NET_RAW"]), "capabilities.drop lacks ALL"),
        (lambda c, p: (c["securityContext"].pop("runAsNonRoot"), p["securityContext"].pop("runAsNonRoot")),
         "runAsNonRoot is not set"),
        (lambda c, p: p["securityContext"].pop("seccompProfile"), "no RuntimeDefault seccompProfile"),
        (lambda c, p: c.setdefault("env", []).append({"name": "FEDSTD_MONGO_URI", "value": "mongodb://u:p@db"}),
         "FEDSTD_MONGO_URI is a literal; credentials come from a Secret"),
    ],
)
def test_policy_check_catches_each_dropped_safeguard(rendered: dict[str, list[dict]], damage, expected: str) -> None:
    docs = copy.deepcopy(rendered["dev"])
    deployment = find(docs, "Deployment", "fedstd-registry-api")[0]
    pod = deployment["spec"]["template"]["spec"]
    damage(pod["containers"][0], pod)
    found = policy_problems(docs)
    assert [p for p in found if expected in p] and all(p.startswith(name_of(deployment)) for p in found), found


def test_policy_check_catches_a_workload_without_budget_or_service(rendered: dict[str, list[dict]]) -> None:
    docs = [d for d in copy.deepcopy(rendered["dev"])
            if not (d["kind"] in ("PodDisruptionBudget", "Service") and d["metadata"]["name"] == "fedstd-assessment-worker")]
    assert sorted(policy_problems(docs)) == [
        "Deployment/fedstd-assessment-worker: no PodDisruptionBudget covers its pods",
        "Deployment/fedstd-assessment-worker: no Service selects its pods",
    ]


def test_crd_schemas_refuse_unknown_fields_and_wrong_types(rendered: dict[str, list[dict]]) -> None:
    docs = copy.deepcopy(rendered["dev"])
    find(docs, "Kafka")[0]["spec"]["kafka"]["listners"] = []
    find(docs, "KafkaUser", "fedstd-registry")[0]["spec"]["authorization"]["acls"][0]["operations"] = ["Wrte"]
    find(docs, "MongoDBCommunity")[0]["spec"]["members"] = "one"
    found = schema_problems(docs)
    assert any(p.startswith("Kafka/fedstd: spec/kafka:") and "'listners' was unexpected" in p for p in found)
    assert any(p.startswith("KafkaUser/fedstd-registry:") and "'Wrte' is not one of" in p for p in found)
    assert any(p.startswith("MongoDBCommunity/fedstd-mongodb: spec/members:") for p in found)
    assert len(found) == 3


def test_vendored_crds_are_the_files_the_readme_names() -> None:
    readme = (SCHEMAS / "README.md").read_text()
    listed = dict((path, digest) for digest, path in re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.MULTILINE))
    vendored = {str(p.relative_to(SCHEMAS)): hashlib.sha256(p.read_bytes()).hexdigest() for p in SCHEMAS.rglob("*.yaml")}
    assert vendored == listed
