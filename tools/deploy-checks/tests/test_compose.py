"""docker-compose.yml (development) and docker-compose.prod.yml: the Compose specification's
JSON schema (schemas/compose-spec.json) after interpolation, and the policies of the issue:
healthchecks, healthy dependencies, pinned images, every app variable passed, no committed
secret, production replicas, limits, restarts, nginx, replica set, AOF, Prometheus, Grafana."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from compose_interpolation import MissingVariable, interpolate, required_variables
from conftest import COMPOSE_FILES, ROOT, app_config_keys, compose, env_example_keys

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas/compose-spec.json").read_text())
SECRET_NAMES = re.compile(r"PASSWORD|SECRET|_KEY$|TOKEN")
PROD_ENV_EXAMPLE = ROOT / "docker/compose.prod.env.example"


def example_env(file: str) -> dict[str, str]:
    """The values an operator would give: .env.example, plus the production example."""
    env = {}
    sources = [ROOT / ".env.example"] + ([PROD_ENV_EXAMPLE] if file.endswith("prod.yml") else [])
    for source in sources:
        for line in source.read_text().splitlines():
            match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
            if match:
                env[match[1]] = match[2]
    env.setdefault("NEO4J_PASSWORD", "example-password")
    if not env["NEO4J_PASSWORD"]:
        env["NEO4J_PASSWORD"] = "example-password"
    return env


def services(file: str) -> dict[str, dict]:
    return compose(file)["services"]


def long_running(file: str) -> dict[str, dict]:
    return {name: s for name, s in services(file).items() if s.get("restart") != "no"}


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_compose_file_matches_the_compose_specification(file: str) -> None:
    try:
        document = interpolate(compose(file), example_env(file))
    except MissingVariable as error:
        pytest.fail(f"{file}: the example environment lacks {error}", pytrace=False)
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, f"{file}:\n" + "\n".join(f"  {'.'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors)


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_every_required_variable_is_documented_in_an_env_example(file: str) -> None:
    documented = env_example_keys()
    if file.endswith("prod.yml"):
        documented |= set(re.findall(r"^([A-Z][A-Z0-9_]*)=", PROD_ENV_EXAMPLE.read_text(), re.M))
    text = "\n".join(line for line in (ROOT / file).read_text().splitlines() if not line.lstrip().startswith("#"))
    missing = required_variables(text) - documented
    assert not missing, f"{file} needs {sorted(missing)}, which no env example documents"


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_every_long_running_service_has_a_healthcheck(file: str) -> None:
    missing = [name for name, s in long_running(file).items() if not s.get("healthcheck", {}).get("test") and "profiles" not in s]
    assert not missing, f"{file}: no healthcheck for {missing}"


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_dependencies_wait_for_health_or_completion(file: str) -> None:
    problems = []
    for name, service in services(file).items():
        depends_on = service.get("depends_on", {})
        if isinstance(depends_on, list):
            problems.append(f"{name} depends on {depends_on} without a condition")
            continue
        for dependency, spec in depends_on.items():
            if spec.get("condition") not in ("service_healthy", "service_completed_successfully"):
                problems.append(f"{name} -> {dependency}: {spec}")
            elif spec["condition"] == "service_healthy" and not services(file)[dependency].get("healthcheck"):
                problems.append(f"{name} waits for {dependency} to be healthy, which has no healthcheck")
    assert not problems, f"{file}: " + "; ".join(problems)


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_every_image_is_pinned(file: str) -> None:
    problems = []
    for name, service in services(file).items():
        image = service.get("image")
        if image is None:
            assert "build" in service, f"{file}: {name} has neither image nor build"
            continue
        tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
        if tag.startswith("${"):
            if not re.fullmatch(r"\$\{[A-Z_]+:?\?[^}]*\}", tag):
                problems.append(f"{name}: {image} must require its tag variable (${{TAG:?…}}), never default it")
        elif tag == "latest" or not re.search(r"\d+\.\d+", tag):
            problems.append(f"{name}: {image} is not pinned to a version")
    assert not problems, f"{file}: " + "; ".join(problems)


@pytest.mark.parametrize("file", COMPOSE_FILES)
@pytest.mark.parametrize("app", ["api", "worker"])
def test_every_variable_of_the_config_schema_is_passed_to_the_apps(file: str, app: str) -> None:
    environment = services(file)[app]["environment"]
    missing = sorted(set(app_config_keys()) - set(environment))
    assert not missing, f"{file}: {app} is not given {missing}: add them to x-app-env"


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_no_secret_is_written_in_a_compose_file(file: str) -> None:
    leaked = []
    for name, service in services(file).items():
        environment = service.get("environment", {})
        for key, value in (environment.items() if isinstance(environment, dict) else []):
            value = str(value)
            if SECRET_NAMES.search(key) and value and not value.startswith("${"):
                leaked.append(f"{name}.{key}")
            if re.search(r"://[^/\s:@]*:(?!\$\{)[^@\s/]+@", value):
                leaked.append(f"{name}.{key} (password in a URI)")
        command = " ".join(map(str, service.get("command", []))) if isinstance(service.get("command"), list) else str(service.get("command", ""))
        if re.search(r"://[^/\s:@]*:(?!\$\{)[^@\s/]+@", command):
            leaked.append(f"{name}.command (password in a URI)")
    assert not leaked, f"{file}: literal secrets in {leaked}; take them from the environment"


def test_production_secrets_are_required_never_defaulted() -> None:
    text = "\n".join(l for l in (ROOT / "docker-compose.prod.yml").read_text().splitlines() if not l.lstrip().startswith("#"))
    defaulted = [m[0] for m in re.findall(r"\$\{([A-Z_]*(PASSWORD|SECRET|_KEY))(:?-)", text)]
    assert not defaulted, f"docker-compose.prod.yml gives defaults to secrets {defaulted}"


def test_development_runs_the_databases_the_issue_names() -> None:
    images = {name: s.get("image", "") for name, s in services("docker-compose.yml").items()}
    assert re.fullmatch(r"mongo:7\.\d+\.\d+", images["mongo"])
    assert re.fullmatch(r"neo4j:5\.26\.\d+-community", images["neo4j"])
    assert re.fullmatch(r"redis:7\.\d+\.\d+-alpine", images["redis"])
    assert {"api", "worker", "web"} <= set(images)
    assert set(compose("docker-compose.yml")["volumes"]) >= {"mongo-data", "neo4j-data", "redis-data"}


def test_production_replicas_limits_and_restarts_follow_the_plan() -> None:
    prod = services("docker-compose.prod.yml")
    assert {name: prod[name]["deploy"]["replicas"] for name in ("api", "worker", "web")} == {"api": 3, "worker": 2, "web": 2}
    for name, service in long_running("docker-compose.prod.yml").items():
        if "profiles" in service:
            continue
        assert service.get("restart") in ("always", "unless-stopped"), f"{name} has no restart policy"
        assert "memory" in service.get("deploy", {}).get("resources", {}).get("limits", {}), f"{name} has no memory limit"
    for name in ("api", "worker", "web", "edge"):
        assert prod[name].get("read_only") is True and "/tmp" in prod[name].get("tmpfs", []), f"{name} is not read-only"
        assert "ports" not in prod[name] or name == "edge", f"{name} publishes ports; only nginx may"


def test_production_puts_nginx_in_front_and_runs_mongodb_as_a_replica_set_and_redis_with_aof() -> None:
    prod = services("docker-compose.prod.yml")
    edge = prod["edge"]
    assert edge["image"].startswith("nginxinc/nginx-unprivileged:")
    assert any("docker/nginx/edge.conf" in v for v in edge["volumes"])
    assert prod["mongo"]["entrypoint"][-1].endswith("mongod-replica-set.sh")
    assert prod["mongo"]["environment"]["MONGO_REPLICA_SET"] == prod["mongo-init"]["environment"]["MONGO_REPLICA_SET"]
    assert "replicaSet=rs0" in prod["api"]["environment"]["MONGODB_URI"]
    assert prod["api"]["depends_on"]["mongo-init"]["condition"] == "service_completed_successfully"
    redis = " ".join(prod["redis"]["command"])
    assert "--appendonly yes" in redis and "--maxmemory-policy noeviction" in redis and "--requirepass" in redis


def test_production_runs_prometheus_and_grafana_with_the_shipped_configuration() -> None:
    prod = services("docker-compose.prod.yml")
    assert any(v.startswith("./docker/prometheus/prometheus.yml:") for v in prod["prometheus"]["volumes"])
    assert any(v.startswith("./docker/prometheus/rules:/etc/prometheus/rules") for v in prod["prometheus"]["volumes"])
    assert any(v.startswith("./docker/grafana/provisioning:") for v in prod["grafana"]["volumes"])
    assert any(v.startswith("./docker/grafana/dashboards:/var/lib/grafana/dashboards") for v in prod["grafana"]["volumes"])


@pytest.mark.parametrize("file", COMPOSE_FILES)
def test_every_bind_mount_exists_in_the_repository(file: str) -> None:
    missing = []
    for name, service in services(file).items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith("./") and not (ROOT / source).exists():
                missing.append(f"{name}: {source}")
    assert not missing, f"{file}: bind mounts of missing paths {missing}"
