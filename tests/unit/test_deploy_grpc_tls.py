"""deploy/k8s/components/grpc-tls: prod serves the gRPC APIs over TLS from a mounted Secret, and probes
them on the plaintext health-only port the settings name; dev stays plaintext."""
from __future__ import annotations

from scripts.validate_k8s import OVERLAYS, render

PROBES = ("startupProbe", "readinessProbe", "livenessProbe")


def api_containers(docs: list[dict]) -> list[tuple[dict, dict]]:
    return [(d, d["spec"]["template"]["spec"]["containers"][0]) for d in docs if d["kind"] == "Deployment"
            and d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] == "api"]


def config(docs: list[dict]) -> dict[str, str]:
    return next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("fedstd-config"))["data"]


def test_prod_apis_serve_tls_from_the_secret_and_probe_the_health_port() -> None:
    docs = render(OVERLAYS["prod"])
    settings = config(docs)
    health_port = int(settings["FEDSTD_HEALTH_PORT"])
    assert health_port != 50051
    apis = api_containers(docs)
    assert len(apis) == 3
    for deployment, container in apis:
        assert {p["containerPort"] for p in container["ports"]} >= {50051, health_port}
        assert all(container[probe]["grpc"]["port"] == health_port for probe in PROBES)
        mount = next(m for m in container["volumeMounts"] if m["name"] == "grpc-tls")
        volume = next(v for v in deployment["spec"]["template"]["spec"]["volumes"] if v["name"] == "grpc-tls")
        assert volume["secret"]["secretName"] == "fedstd-grpc-tls" and mount["readOnly"]
        for setting in ("FEDSTD_TLS_CERT_FILE", "FEDSTD_TLS_KEY_FILE"):
            assert settings[setting].startswith(mount["mountPath"] + "/")


def test_dev_apis_stay_plaintext_and_probe_the_grpc_port() -> None:
    docs = render(OVERLAYS["dev"])
    assert not any(key.startswith("FEDSTD_TLS_") or key == "FEDSTD_HEALTH_PORT" for key in config(docs))
    for _, container in api_containers(docs):
        assert all(container[probe]["grpc"]["port"] == 50051 for probe in PROBES)
