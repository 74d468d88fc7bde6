"""Policies over the rendered manifests: resources, probes, the restricted Pod Security
Standard, pinned images, disruption budgets, autoscaling, network isolation, secrets and
the coverage of every variable the apps read."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import (
    APP_SECRET_KEYS,
    K8S,
    OVERLAYS,
    ROOT,
    app_config_keys,
    containers,
    every_object,
    object_id,
    pod_labels,
    pod_spec,
    rendered,
    selector_matches,
    workloads,
)

WORKLOADS = [(overlay, obj) for overlay, obj in every_object() if pod_spec(obj) is not None]
WORKLOAD_IDS = [f"{overlay}:{object_id(obj)}" for overlay, obj in WORKLOADS]
LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet")
DATABASES = {
    "mongodb": {"api", "worker", "mongodb", "mongodb-init", "mongodb-backup"},
    "neo4j": {"api", "worker", "neo4j-backup"},
    "redis": {"api", "worker"},
}
PINNED_TAG = re.compile(r"^[^:@]+(:[\w][\w.-]*)?(@sha256:[0-9a-f]{64})?$")


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def secret_template_keys() -> set[str]:
    template = yaml.safe_load((K8S / "base/config/secret.template.yaml").read_text())
    return set(template["stringData"])


# --- every workload -------------------------------------------------------------------------


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_every_container_requests_cpu_and_memory_and_limits_memory(overlay: str, obj: dict) -> None:
    problems = []
    for kind, container in containers(pod_spec(obj)):
        resources = container.get("resources", {})
        for field in ("cpu", "memory"):
            if field not in resources.get("requests", {}):
                problems.append(f"{kind} {container['name']} has no {field} request")
        if "memory" not in resources.get("limits", {}):
            problems.append(f"{kind} {container['name']} has no memory limit")
    assert not problems, f"{overlay}: {object_id(obj)}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_long_running_containers_have_liveness_and_readiness_probes_on_declared_ports(overlay: str, obj: dict) -> None:
    if obj["kind"] not in LONG_RUNNING:
        pytest.skip("Jobs and CronJobs run to completion: no probes")
    problems = []
    for container in pod_spec(obj)["containers"]:
        ports = {p.get("name") for p in container.get("ports", [])} | {p["containerPort"] for p in container.get("ports", [])}
        for probe_name in ("livenessProbe", "readinessProbe", "startupProbe"):
            probe = container.get(probe_name)
            if probe is None:
                if probe_name != "startupProbe":
                    problems.append(f"{container['name']} has no {probe_name}")
                continue
            for handler in ("httpGet", "tcpSocket", "grpc"):
                if handler in probe and probe[handler]["port"] not in ports:
                    problems.append(f"{container['name']} {probe_name} uses undeclared port {probe[handler]['port']}")
    assert not problems, f"{overlay}: {object_id(obj)}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_pods_meet_the_restricted_pod_security_standard(overlay: str, obj: dict) -> None:
    spec = pod_spec(obj)
    pod = spec.get("securityContext", {})
    problems = []
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field):
            problems.append(f"{field} is set")
    if spec.get("automountServiceAccountToken") is not False:
        problems.append("automountServiceAccountToken is not false (no workload talks to the API server)")
    for volume in spec.get("volumes", []):
        if "hostPath" in volume:
            problems.append(f"volume {volume['name']} is a hostPath")
    for kind, container in containers(spec):
        context = container.get("securityContext", {})
        where = f"{kind} {container['name']}"
        if any("hostPort" in port for port in container.get("ports", [])):
            problems.append(f"{where}: uses a hostPort")
        if not (context.get("runAsNonRoot", pod.get("runAsNonRoot")) is True):
            problems.append(f"{where}: runAsNonRoot is not true")
        if context.get("runAsUser", pod.get("runAsUser")) == 0:
            problems.append(f"{where}: runs as uid 0")
        seccomp = context.get("seccompProfile", pod.get("seccompProfile", {}))
        if seccomp.get("type") != "RuntimeDefault":
            problems.append(f"{where}: seccompProfile is not RuntimeDefault")
        if context.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{where}: allowPrivilegeEscalation is not false")
        if context.get("privileged"):
            problems.append(f"{where}: privileged")
        capabilities = context.get("capabilities", {})
        if "ALL" not in capabilities.get("drop", []):
            problems.append(f"{where}: does not drop ALL capabilities")
        if capabilities.get("add"):
            problems.append(f"{where}: adds capabilities {capabilities['add']}")
        if context.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{where}: root filesystem is not read-only")
    assert not problems, f"{overlay}: {object_id(obj)}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_every_container_has_a_writable_tmp_from_an_empty_dir(overlay: str, obj: dict) -> None:
    spec = pod_spec(obj)
    empty_dirs = {v["name"] for v in spec.get("volumes", []) if "emptyDir" in v}
    missing = [
        container["name"]
        for _, container in containers(spec)
        if not any(m["mountPath"] == "/tmp" and m["name"] in empty_dirs for m in container.get("volumeMounts", []))
    ]
    assert not missing, f"{overlay}: {object_id(obj)}: no emptyDir at /tmp in {missing}"


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_every_image_is_pinned_to_a_version(overlay: str, obj: dict) -> None:
    problems = []
    for kind, container in containers(pod_spec(obj)):
        image = container["image"]
        name, _, tag = image.partition("@")[0].rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
        if "@sha256:" in image:
            continue
        if not tag:
            problems.append(f"{container['name']}: {image} has no tag")
        elif tag == "latest" or not re.search(r"\d+\.\d+", tag):
            problems.append(f"{container['name']}: {image} is not pinned to a version")
    assert not problems, f"{overlay}: {object_id(obj)}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay,obj", WORKLOADS, ids=WORKLOAD_IDS)
def test_no_env_var_sets_both_value_and_value_from(overlay: str, obj: dict) -> None:
    both = [
        f"{container['name']}.{env['name']}"
        for _, container in containers(pod_spec(obj))
        for env in container.get("env", [])
        if "value" in env and "valueFrom" in env
    ]
    assert not both, f"{overlay}: {object_id(obj)}: value and valueFrom together in {both}"


# --- per overlay -------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_deployment_and_replicated_statefulset_has_a_pod_disruption_budget(overlay: str) -> None:
    objects = rendered(overlay)
    budgets = list(by_kind(objects, "PodDisruptionBudget").values())
    missing = []
    for obj in objects:
        if obj["kind"] == "Deployment" or (obj["kind"] == "StatefulSet" and obj["spec"].get("replicas", 1) > 1):
            labels = pod_labels(obj)
            if not any(selector_matches(b["spec"]["selector"], labels) for b in budgets):
                missing.append(object_id(obj))
    assert not missing, f"{overlay}: no PodDisruptionBudget selects {missing}"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pod_disruption_budgets_always_allow_one_eviction(overlay: str) -> None:
    objects = rendered(overlay)
    blocking = []
    for budget in by_kind(objects, "PodDisruptionBudget").values():
        spec = budget["spec"]
        if "maxUnavailable" in spec:
            if spec["maxUnavailable"] in (0, "0%"):
                blocking.append(budget["metadata"]["name"])
            continue
        for obj in workloads(objects):
            if selector_matches(spec["selector"], pod_labels(obj)) and spec["minAvailable"] >= obj["spec"].get("replicas", 1):
                blocking.append(budget["metadata"]["name"])
    assert not blocking, f"{overlay}: these PodDisruptionBudgets block every node drain: {blocking}"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_autoscalers_target_existing_deployments_on_cpu(overlay: str) -> None:
    objects = rendered(overlay)
    deployments = by_kind(objects, "Deployment")
    autoscalers = by_kind(objects, "HorizontalPodAutoscaler")
    assert set(autoscalers) == {"api", "worker"}, f"{overlay}: HPAs are {sorted(autoscalers)}"
    for name, hpa in autoscalers.items():
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments, f"{overlay}: HPA {name} targets {target}"
        assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


def test_production_follows_the_plan_for_replicas_and_api_autoscaling() -> None:
    objects = rendered("prod")
    replicas = {obj["metadata"]["name"]: obj["spec"].get("replicas", 1) for obj in workloads(objects) if obj["kind"] in LONG_RUNNING}
    assert replicas == {"api": 3, "worker": 2, "web": 2, "mongodb": 3, "neo4j": 1, "redis": 1}
    hpa = by_kind(objects, "HorizontalPodAutoscaler")["api"]["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 10)
    assert hpa["metrics"][0]["resource"] == {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_api_and_worker_probe_liveness_on_health_and_readiness_on_readiness(overlay: str) -> None:
    deployments = by_kind(rendered(overlay), "Deployment")
    for name, port in (("api", 3000), ("worker", 3001)):
        container = deployments[name]["spec"]["template"]["spec"]["containers"][0]
        declared = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert declared[container["livenessProbe"]["httpGet"]["port"]] == port
        assert container["livenessProbe"]["httpGet"]["path"] == "/health", f"{name}: liveness must never check dependencies"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readiness"
        assert container["startupProbe"]["httpGet"]["path"] == "/health"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_mongodb_init_job_lists_every_member_of_the_statefulset(overlay: str) -> None:
    objects = rendered(overlay)
    members = by_kind(objects, "StatefulSet")["mongodb"]["spec"]["replicas"]
    job = by_kind(objects, "Job")["mongodb-init"]
    env = {e["name"]: e.get("value") for e in job["spec"]["template"]["spec"]["containers"][0]["env"]}
    expected = ",".join(f"mongodb-{i}.mongodb:27017" for i in range(members))
    assert env["MONGO_MEMBERS"] == expected


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_namespace_enforces_the_restricted_pod_security_standard(overlay: str) -> None:
    namespaces = by_kind(rendered(overlay), "Namespace")
    assert len(namespaces) == 1
    labels = next(iter(namespaces.values()))["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"
    for obj in rendered(overlay):
        if obj["kind"] != "Namespace":
            assert obj["metadata"].get("namespace") in (None, *namespaces), f"{object_id(obj)} is outside the namespace"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_selects_pods_and_targets_their_ports(overlay: str) -> None:
    objects = rendered(overlay)
    problems = []
    for service in by_kind(objects, "Service").values():
        pods = [obj for obj in workloads(objects) if selector_matches({"matchLabels": service["spec"]["selector"]}, pod_labels(obj))]
        if not pods:
            problems.append(f"Service {service['metadata']['name']} selects no pods")
            continue
        ports = {p.get("name") for obj in pods for _, c in containers(pod_spec(obj)) for p in c.get("ports", [])}
        ports |= {p["containerPort"] for obj in pods for _, c in containers(pod_spec(obj)) for p in c.get("ports", [])}
        for port in service["spec"]["ports"]:
            if port.get("targetPort", port["port"]) not in ports:
                problems.append(f"Service {service['metadata']['name']} targets missing port {port.get('targetPort')}")
    assert not problems, f"{overlay}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_ingress_routes_api_to_the_api_and_the_rest_to_web_over_tls(overlay: str) -> None:
    objects = rendered(overlay)
    ingress = by_kind(objects, "Ingress")["insight-tracker"]
    assert ingress["spec"]["ingressClassName"] == "nginx"
    assert "cert-manager.io/cluster-issuer" in ingress["metadata"]["annotations"]
    rule = ingress["spec"]["rules"][0]
    assert rule["host"] in ingress["spec"]["tls"][0]["hosts"]
    routes = {p["path"]: p["backend"]["service"]["name"] for p in rule["http"]["paths"]}
    assert routes == {"/api": "api", "/": "web"}
    services = by_kind(objects, "Service")
    for path in rule["http"]["paths"]:
        backend = path["backend"]["service"]
        assert backend["port"]["name"] in {p["name"] for p in services[backend["name"]]["spec"]["ports"]}


# --- network isolation -----------------------------------------------------------------------


def policies_selecting(objects: list[dict], labels: dict) -> list[dict]:
    return [p for p in by_kind(objects, "NetworkPolicy").values() if selector_matches(p["spec"]["podSelector"], labels)]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_deny_everything_by_default(overlay: str) -> None:
    default = [
        p for p in by_kind(rendered(overlay), "NetworkPolicy").values()
        if p["spec"]["podSelector"] == {} and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress") and not p["spec"].get("egress")
    ]
    assert default, f"{overlay}: no default-deny NetworkPolicy for ingress and egress"


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("database", sorted(DATABASES))
def test_only_the_apps_and_their_jobs_reach_a_database(overlay: str, database: str) -> None:
    objects = rendered(overlay)
    labels = pod_labels(by_kind(objects, "StatefulSet")[database])
    names = {pod_labels(obj).get("app.kubernetes.io/name") for obj in workloads(objects)}
    problems = []
    for policy in policies_selecting(objects, labels):
        for rule in policy["spec"].get("ingress", []):
            peers = rule.get("from")
            if not peers:
                problems.append(f"{policy['metadata']['name']} lets anything in")
                continue
            for peer in peers:
                if "namespaceSelector" in peer or "ipBlock" in peer:
                    problems.append(f"{policy['metadata']['name']} lets in {peer}")
                    continue
                allowed = {n for n in names if selector_matches(peer["podSelector"], {"app.kubernetes.io/name": n})}
                if allowed - DATABASES[database]:
                    problems.append(f"{policy['metadata']['name']} lets in {sorted(allowed - DATABASES[database])}")
    assert not problems, f"{overlay}: {database}: " + "; ".join(problems)


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("app", ["api", "web", "worker"])
def test_only_the_ingress_controller_and_prometheus_reach_the_apps(overlay: str, app: str) -> None:
    objects = rendered(overlay)
    labels = pod_labels(by_kind(objects, "Deployment")[app])
    allowed_namespaces = {"ingress-nginx", "monitoring"} if app != "worker" else {"monitoring"}
    problems = []
    for policy in policies_selecting(objects, labels):
        for rule in policy["spec"].get("ingress", []):
            for peer in rule.get("from") or [{}]:
                namespace = peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                if namespace not in allowed_namespaces or "ipBlock" in peer:
                    problems.append(f"{policy['metadata']['name']} lets in {peer or 'anything'}")
    assert not problems, f"{overlay}: {app}: " + "; ".join(problems)


# --- configuration and secrets ---------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_value_is_rendered(overlay: str) -> None:
    objects = rendered(overlay)
    assert not by_kind(objects, "Secret"), f"{overlay}: Secrets are created out of band (k8s/create-secrets.sh)"
    credential_uri = re.compile(r"://[^/\s:@]*:[^@\s/]+@")
    for config_map in by_kind(objects, "ConfigMap").values():
        if config_map["metadata"]["name"].startswith("insight-config"):
            leaked = set(config_map["data"]) & (APP_SECRET_KEYS | secret_template_keys())
            assert not leaked, f"{overlay}: secret keys {leaked} in the ConfigMap"
            assert not any(credential_uri.search(v) for v in config_map["data"].values()), "a URI with a password in the ConfigMap"


@pytest.mark.parametrize("overlay", [*OVERLAYS, "restore"])
def test_every_secret_and_config_reference_resolves(overlay: str) -> None:
    # The restore Jobs run next to the production overlay's objects.
    objects = rendered("prod" if overlay == "restore" else overlay)
    checked = [obj for where, obj in every_object() if where == overlay]
    template = secret_template_keys()
    config_maps = {name: cm.get("data", {}) for name, cm in by_kind(objects, "ConfigMap").items()}
    problems = []
    for obj in checked:
        spec = pod_spec(obj)
        if spec is None:
            continue
        for _, container in containers(spec):
            for env in container.get("env", []):
                source = env.get("valueFrom", {})
                if "secretKeyRef" in source:
                    ref = source["secretKeyRef"]
                    if ref["name"] != "insight-secrets" or ref["key"] not in template:
                        problems.append(f"{object_id(obj)} reads secret {ref['name']}/{ref['key']}, not in secret.template.yaml")
                if "configMapKeyRef" in source:
                    ref = source["configMapKeyRef"]
                    if ref["key"] not in config_maps.get(ref["name"], {}):
                        problems.append(f"{object_id(obj)} reads missing {ref['name']}/{ref['key']}")
            for source in container.get("envFrom", []):
                if "configMapRef" in source and source["configMapRef"]["name"] not in config_maps:
                    problems.append(f"{object_id(obj)} loads missing ConfigMap {source['configMapRef']['name']}")
        for volume in spec.get("volumes", []):
            if "configMap" in volume and volume["configMap"]["name"] not in config_maps:
                problems.append(f"{object_id(obj)} mounts missing ConfigMap {volume['configMap']['name']}")
    assert not problems, f"{overlay}: " + "; ".join(problems)


def test_create_secrets_script_creates_exactly_the_template_keys() -> None:
    script = (K8S / "create-secrets.sh").read_text()
    created = set(re.findall(r"--from-literal=([A-Z0-9_]+)=", script))
    assert created == secret_template_keys()
    used = {
        env["valueFrom"]["secretKeyRef"]["key"]
        for _, obj in every_object()
        if pod_spec(obj) is not None
        for _, container in containers(pod_spec(obj))
        for env in container.get("env", [])
        if "secretKeyRef" in env.get("valueFrom", {})
    }
    assert secret_template_keys() - used == set(), f"keys no workload reads: {secret_template_keys() - used}"


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("app", ["api", "worker"])
def test_every_variable_of_the_config_schema_reaches_api_and_worker(overlay: str, app: str) -> None:
    """The list comes from APP_CONFIG_KEYS in the code: a new variable fails here until
    the ConfigMap (or, for a secret, the Secret) provides it."""
    objects = rendered(overlay)
    container = by_kind(objects, "Deployment")[app]["spec"]["template"]["spec"]["containers"][0]
    config_maps = {name: cm.get("data", {}) for name, cm in by_kind(objects, "ConfigMap").items()}
    from_config = {key for source in container.get("envFrom", []) if "configMapRef" in source for key in config_maps[source["configMapRef"]["name"]]}
    explicit = {env["name"]: env for env in container.get("env", [])}
    provided = from_config | set(explicit)
    missing = sorted(set(app_config_keys()) - provided)
    assert not missing, f"{overlay}: {app} gets no value for {missing}: add them to k8s/base/config/app-config.env (or the Secret)"
    for key in APP_SECRET_KEYS & set(app_config_keys()):
        assert key in explicit and "secretKeyRef" in explicit[key].get("valueFrom", {}), f"{overlay}: {app}: {key} must come from the Secret"
