"""The brand development report end to end: `fedstd brand-report` fetches it from a running reporting
service over gRPC, headless Chromium renders it (charts and Chinese text in the DOM) and prints it to PDF.
On the way, `fedstd progress --as-of` answers for a past day."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import SERVICES, Settings
from services.common.runtime import EmbeddedInfrastructure, ServiceHost
from tests.support.reporting import relay_until_stopped, synthetic_programme

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium(profile: Path, *arguments: str) -> subprocess.CompletedProcess:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: the brand report test needs Debian's chromium (apt-get update && apt-get install -y "
        "chromium fonts-wqy-microhei); .ci/run and scripts/test install it when run as root")
    return subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
                          capture_output=True, timeout=120)


def test_the_report_renders_in_chromium_and_prints_to_pdf(tmp_path: Path) -> None:
    data, issuer = tmp_path / "data", TokenIssuer.generate()
    log = synthetic_programme(seed=31, enterprises=60)
    infrastructure = EmbeddedInfrastructure(data)
    stores = {service: infrastructure.event_store(service) for service in SERVICES}
    for service, store in stores.items():
        log.append_to(service, store)
    host = ServiceHost("reporting", infrastructure,
                       Settings(data_dir=data, ports={"reporting": 0}, auth=issuer.settings()), roles=["api", "projector"]).start()
    stop = threading.Event()
    relays = threading.Thread(target=relay_until_stopped, args=(stores, infrastructure.bus, stop), daemon=True)
    relays.start()
    try:
        with channel(f"127.0.0.1:{host.port}", issuer.issue(Role.PARTNER)) as reader:
            stub = api_grpc.ReportingServiceStub(reader)
            deadline = time.monotonic() + 60
            while stub.GetFederationProgress(api.GetFederationProgressRequest(as_of="2023-12-31")).total.trainees == 0:
                assert time.monotonic() < deadline, "the projection did not catch up"
                time.sleep(0.2)
        as_of = subprocess.run(
            [sys.executable, "-m", "services.cli", "progress", "--target", f"127.0.0.1:{host.port}", "--as-of", "2021-12-31",
             "--token", issuer.issue(Role.PARTNER)], capture_output=True, text=True, timeout=120)
        saved = subprocess.run(
            [sys.executable, "-m", "services.cli", "brand-report", "--year", "2023", "--target", f"127.0.0.1:{host.port}",
             "--token", issuer.issue(Role.REGION), "--output", str(tmp_path / "report.html")],
            capture_output=True, text=True, timeout=120)
    finally:
        stop.set()
        relays.join(30)
        host.stop()
        infrastructure.close()
    assert as_of.returncode == 0, as_of.stderr
    assert "federation-wide progress as of 2021-12-31" in as_of.stdout
    assert saved.returncode == 0, saved.stderr
    assert "as of 2023-12-31" in saved.stdout

    page = (tmp_path / "report.html").as_uri()
    rendered = chromium(tmp_path / "profile-dom", "--dump-dom", page)
    assert rendered.returncode == 0, rendered.stderr.decode(errors="replace")[-2000:]
    dom = rendered.stdout.decode()
    assert len(re.findall(r"<svg\b", dom)) == 5
    assert len(re.findall(r"<rect[^>]*class=\"bar\"", dom)) > 20  # the bars Chromium parsed into the SVG DOM
    assert "<circle" in dom and "<polyline" in dom
    for text in ("内蒙古品牌发展报告（2023年度）", "Inner Mongolia Brand Development Report 2023", "各盟市目标进度",
                 "Progress against the target per league", "品牌星级分布", "率先达标企业", "呼和浩特市", "锡林郭勒盟"):
        assert text in dom

    pdf = tmp_path / "report.pdf"
    printed = chromium(tmp_path / "profile-pdf", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page)
    assert printed.returncode == 0, printed.stderr.decode(errors="replace")[-2000:]
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", content)) >= 3  # A4 pages: the report does not fit on one
