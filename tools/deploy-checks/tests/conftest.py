"""Shared fixtures of the deployment checks: the rendered overlays, the compose files and
the variable names the apps read (derived from the code, never listed here)."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "k8s"
OVERLAYS = ("dev", "prod", "prod-with-monitoring")
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.prod.yml")
# Keys the apps take from the Secret; everything else comes from the ConfigMap.
APP_SECRET_KEYS = {"MONGODB_URI", "NEO4J_PASSWORD", "REDIS_URL", "JWT_SECRET"}


def load_yaml_documents(text: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


@functools.cache
def rendered(overlay: str) -> list[dict]:
    """Objects of `kubectl kustomize k8s/overlays/<overlay>` (run.sh renders them once)."""
    render_dir = os.environ.get("DEPLOY_CHECKS_RENDER_DIR")
    if render_dir and (Path(render_dir) / f"{overlay}.yaml").exists():
        text = (Path(render_dir) / f"{overlay}.yaml").read_text()
    else:
        text = subprocess.run(
            ["kubectl", "kustomize", str(K8S / "overlays" / overlay)],
            check=True, capture_output=True, text=True,
        ).stdout
    return load_yaml_documents(text)


@functools.cache
def restore_jobs() -> list[dict]:
    """The restore Job templates of k8s/restore (created by hand, validated like the rest)."""
    return [doc for path in sorted((K8S / "restore").glob("*.yaml")) for doc in load_yaml_documents(path.read_text())]


def object_id(obj: dict) -> str:
    name = obj["metadata"].get("name") or obj["metadata"].get("generateName", "?")
    return f"{obj['kind']}/{name}"


def every_object() -> list[tuple[str, dict]]:
    """(overlay, object) for every rendered object and every restore Job."""
    pairs = [(overlay, obj) for overlay in OVERLAYS for obj in rendered(overlay)]
    pairs += [("restore", obj) for obj in restore_jobs()]
    return pairs


@functools.cache
def app_config_keys() -> tuple[str, ...]:
    """APP_CONFIG_KEYS of libs/platform/src/config/app-config.schema.ts, read from the code."""
    result = subprocess.run(
        ["node", str(Path(__file__).resolve().parents[1] / "app-config-keys.cjs")],
        capture_output=True, text=True, cwd=ROOT,
    )
    if result.returncode != 0:
        pytest.fail(f"cannot read APP_CONFIG_KEYS from the config schema:\n{result.stderr}", pytrace=False)
    return tuple(json.loads(result.stdout))


@functools.cache
def compose(file: str) -> dict:
    return yaml.safe_load((ROOT / file).read_text())


def env_example_keys() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))


def pod_spec(obj: dict) -> dict | None:
    """The pod template's spec of a workload, or None for other kinds."""
    kind = obj["kind"]
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return obj["spec"]["template"]["spec"]
    if kind == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    if kind == "Pod":
        return obj["spec"]
    return None


def pod_labels(obj: dict) -> dict:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["metadata"].get("labels", {})
    return obj["spec"]["template"]["metadata"].get("labels", {})


def workloads(objects: list[dict]) -> list[dict]:
    return [obj for obj in objects if pod_spec(obj) is not None]


def containers(spec: dict) -> list[tuple[str, dict]]:
    """(kind, container) for init and regular containers."""
    return [("initContainer", c) for c in spec.get("initContainers", [])] + [
        ("container", c) for c in spec.get("containers", [])
    ]


def selector_matches(selector: dict, labels: dict) -> bool:
    """Kubernetes label selector semantics (matchLabels + matchExpressions)."""
    if not selector:
        return True
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator, values = expression["key"], expression["operator"], expression.get("values", [])
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and labels.get(key) in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True
