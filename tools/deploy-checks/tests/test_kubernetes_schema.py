"""Every rendered object validates against the Kubernetes OpenAPI schemas in strict mode
(kubernetes-validate: unknown fields fail), and the custom resources against the
Prometheus Operator's types (validate-crds.mjs)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest

from conftest import OVERLAYS, ROOT, every_object, object_id, rendered

# The oldest and the newest minor version the manifests must suit.
KUBERNETES_VERSIONS = ("1.31.0", "1.37.0")
CUSTOM_GROUPS = ("monitoring.coreos.com/",)

CORE_OBJECTS = [(overlay, obj) for overlay, obj in every_object() if not obj["apiVersion"].startswith(CUSTOM_GROUPS)]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize(
    "overlay,obj", CORE_OBJECTS, ids=[f"{overlay}:{object_id(obj)}" for overlay, obj in CORE_OBJECTS]
)
def test_object_matches_the_kubernetes_schema_strictly(overlay: str, obj: dict, version: str) -> None:
    try:
        kubernetes_validate.validate(obj, version, strict=True)
    except kubernetes_validate.ValidationError as error:
        path = ".".join(str(p) for p in error.path) or "(root)"
        pytest.fail(f"{overlay}: {object_id(obj)} is invalid for Kubernetes {version} at {path}: {error.message}", pytrace=False)
    except kubernetes_validate.SchemaNotFoundError as error:
        pytest.fail(f"{overlay}: {object_id(obj)}: {error.message}", pytrace=False)


def test_custom_resources_match_the_prometheus_operator_types_strictly(tmp_path: Path) -> None:
    custom = [obj for overlay in OVERLAYS for obj in rendered(overlay) if obj["apiVersion"].startswith(CUSTOM_GROUPS)]
    assert custom, "the monitoring component renders a ServiceMonitor and a PrometheusRule"
    objects = tmp_path / "custom-resources.json"
    objects.write_text(json.dumps(custom))
    if not os.environ.get("DEPLOY_CHECKS_NODE_DIR"):
        pytest.fail("DEPLOY_CHECKS_NODE_DIR is not set: run tools/deploy-checks/run.sh", pytrace=False)
    result = subprocess.run(
        ["node", str(ROOT / "tools/deploy-checks/validate-crds.mjs"), str(objects)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, f"custom resources are invalid:\n{result.stderr}{result.stdout}"
