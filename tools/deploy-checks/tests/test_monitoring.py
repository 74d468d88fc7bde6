"""Prometheus configuration, alert rules, the Grafana dashboard and their agreement:
dashboard queries are valid PromQL (promtool), every metric they and the rules read is in
the documented contract (docker/prometheus/README.md), the dashboard uses the provisioned
datasource, and the PrometheusRule of the monitoring component equals the rules file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, compose, rendered

PROMETHEUS = ROOT / "docker/prometheus"
DASHBOARD = ROOT / "docker/grafana/dashboards/insight-tracker.json"
RULES = PROMETHEUS / "rules/insight-tracker.yml"
PROMQL_WORDS = {
    "sum", "max", "min", "avg", "count", "by", "without", "rate", "irate", "increase", "histogram_quantile",
    "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "vector", "le", "bool", "offset",
    "label_values", "humanizePercentage", "humanizeDuration", "humanize", "topk", "bottomk",
}


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


def dashboard_queries() -> list[tuple[str, str]]:
    return [(panel["title"], target["expr"]) for panel in dashboard()["panels"] for target in panel.get("targets", [])]


def rule_queries() -> list[tuple[str, str]]:
    return [(rule["alert"], rule["expr"]) for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def metric_names(expr: str) -> set[str]:
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    without_labels = re.sub(r"\{[^}]*\}", "", without_strings)
    without_ranges = re.sub(r"\[[^\]]*\]", "", without_labels)
    tokens = set(re.findall(r"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b", without_ranges))
    by_clauses = set(re.findall(r"\b(?:by|without|on|ignoring)\s*\(([^)]*)\)", without_ranges))
    labels = {label.strip() for clause in by_clauses for label in clause.split(",")}
    return {t for t in tokens - PROMQL_WORDS - labels if not t.startswith("$") and not t[0].isdigit()}


def contract() -> set[str]:
    """Metric names listed in docker/prometheus/README.md's contract table (`name` cells)."""
    return set(re.findall(r"^\| `([a-z0-9_:]+)`", (PROMETHEUS / "README.md").read_text(), re.M))


def test_dashboard_is_provisionable_and_uses_the_provisioned_datasource() -> None:
    board = dashboard()
    assert board["uid"] and board["title"]
    datasource = yaml.safe_load((ROOT / "docker/grafana/provisioning/datasources/prometheus.yml").read_text())["datasources"][0]
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids)), "panel ids repeat"
    for panel in board["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == datasource["uid"], f"{panel['title']} uses another datasource"
        assert panel["targets"], f"{panel['title']} has no query"
    sections = {panel["title"] for panel in board["panels"] if panel["type"] == "row"}
    assert sections >= {"API traffic, latency and errors", "Queues and jobs", "Graph sync", "Process resources"}


def test_grafana_provisioning_points_at_the_mounted_dashboards() -> None:
    provider = yaml.safe_load((ROOT / "docker/grafana/provisioning/dashboards/insight-tracker.yml").read_text())["providers"][0]
    mounts = compose("docker-compose.prod.yml")["services"]["grafana"]["volumes"]
    assert f"./docker/grafana/dashboards:{provider['options']['path']}:ro" in mounts


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    if not shutil.which("promtool"):
        pytest.fail("promtool is missing (apt-get install prometheus)", pytrace=False)
    rules = {"groups": [{"name": "dashboard", "rules": []}]}
    for index, (title, expr) in enumerate(dashboard_queries()):
        concrete = expr.replace("$__rate_interval", "5m").replace("$instance", ".*")
        rules["groups"][0]["rules"].append({"record": f"dashboard:query_{index}", "expr": concrete, "labels": {"panel": title}})
    path = tmp_path / "dashboard-queries.yml"
    path.write_text(yaml.safe_dump(rules))
    result = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_metric_of_the_rules_and_the_dashboard_is_in_the_documented_contract() -> None:
    used = {name for _, expr in dashboard_queries() + rule_queries() for name in metric_names(expr)}
    undocumented = used - contract() - {"up"}
    assert not undocumented, f"add {sorted(undocumented)} to the metric table of docker/prometheus/README.md"


def test_prometheus_scrapes_api_and_worker_under_the_job_names_the_rules_use() -> None:
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    assert {"api", "worker"} <= jobs
    used = set(re.findall(r'job=~?"([^"]+)"', RULES.read_text()))
    assert all(set(j.split("|")) <= jobs for j in used), f"rules use jobs {used}, prometheus.yml has {jobs}"
    assert any(Path(PROMETHEUS / pattern).parent == RULES.parent for pattern in config["rule_files"])


def test_every_alert_has_a_promtool_unit_test() -> None:
    tests = yaml.safe_load((PROMETHEUS / "tests/insight-tracker.test.yml").read_text())["tests"]
    tested = {case["alertname"] for test in tests for case in test.get("alert_rule_test", []) if case.get("exp_alerts")}
    quiet = {case["alertname"] for test in tests for case in test.get("alert_rule_test", []) if not case.get("exp_alerts")}
    alerts = {name for name, _ in rule_queries()}
    assert alerts - tested == set(), f"alerts never seen firing in a test: {alerts - tested}"
    assert alerts - quiet == set(), f"alerts never seen quiet in a test: {alerts - quiet}"
    assert alerts >= {
        "InsightApiHighErrorRatio", "InsightApiHighLatencyP99", "InsightReadinessFailing", "InsightQueueBacklog",
        "InsightQueueOldestWaitingJob", "InsightJobsFailing", "InsightGraphSyncLag",
    }


def test_the_prometheus_rule_of_the_monitoring_component_equals_the_rules_file() -> None:
    rule = next(o for o in rendered("prod-with-monitoring") if o["kind"] == "PrometheusRule")
    assert rule["spec"] == yaml.safe_load(RULES.read_text()), "run tools/deploy-checks/sync-copies.sh"


def test_the_service_monitor_scrapes_both_apps_as_jobs_api_and_worker() -> None:
    objects = rendered("prod-with-monitoring")
    monitor = next(o for o in objects if o["kind"] == "ServiceMonitor")
    services = [o for o in objects if o["kind"] == "Service" and o["metadata"]["labels"].get("app.kubernetes.io/name") in ("api", "worker")]
    assert monitor["spec"]["jobLabel"] == "app.kubernetes.io/name"
    for service in services:
        assert any(port["name"] == monitor["spec"]["endpoints"][0]["port"] for port in service["spec"]["ports"])
