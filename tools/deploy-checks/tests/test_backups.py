"""Backups: the CronJobs' schedule and retention settings, and the retention script itself
run over a year of simulated daily backups (7 daily, 4 weekly, 12 monthly)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from conftest import OVERLAYS, ROOT, rendered

ROTATE = ROOT / "docker/backup/gfs-rotate.sh"


def run_backup(directory: Path, when: dt.datetime, prefix: str = "mongodb") -> None:
    name = f"{prefix}-{when:%Y%m%dT%H%M%SZ}.archive.gz"
    (directory / "daily").mkdir(parents=True, exist_ok=True)
    path = directory / "daily" / name
    path.write_text(name)
    subprocess.run(["bash", str(ROTATE), str(directory), str(path)], check=True, capture_output=True, text=True)


def names(directory: Path, tier: str) -> list[str]:
    return sorted(p.name[len("mongodb-") : len("mongodb-") + 8] for p in (directory / tier).iterdir())


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_and_12_monthly(tmp_path: Path) -> None:
    start = dt.datetime(2025, 1, 1, 2, 15, tzinfo=dt.timezone.utc)
    days = [start + dt.timedelta(days=i) for i in range(400)]
    for day in days:
        run_backup(tmp_path, day)
    last = days[-1].date()
    assert names(tmp_path, "daily") == [(last - dt.timedelta(days=i)).strftime("%Y%m%d") for i in range(6, -1, -1)]
    # The first backup of each of the last 4 ISO weeks (Mondays here: one backup a day).
    weekly = names(tmp_path, "weekly")
    assert len(weekly) == 4
    assert all(dt.datetime.strptime(d, "%Y%m%d").isoweekday() == 1 or d == weekly[-1] for d in weekly)
    assert [dt.datetime.strptime(d, "%Y%m%d").isocalendar()[:2] for d in weekly] == sorted(
        {(last - dt.timedelta(days=i)).isocalendar()[:2] for i in range(0, 28)}
    )[-4:]
    # The first backup of each of the last 12 months.
    monthly = names(tmp_path, "monthly")
    assert len(monthly) == 12 and all(d.endswith("01") for d in monthly)
    assert monthly[-1][:6] == last.strftime("%Y%m")


def test_an_unfinished_backup_is_never_promoted_or_counted(tmp_path: Path) -> None:
    (tmp_path / "daily").mkdir()
    (tmp_path / "daily" / "mongodb-20260101T021500Z.archive.gz.partial").write_text("half")
    for i in range(8):
        run_backup(tmp_path, dt.datetime(2026, 1, 2 + i, 2, 15))
    assert (tmp_path / "daily" / "mongodb-20260101T021500Z.archive.gz.partial").exists()
    assert len([p for p in (tmp_path / "daily").iterdir() if not p.name.endswith(".partial")]) == 7


def test_a_backup_without_a_timestamp_in_its_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "daily").mkdir()
    odd = tmp_path / "daily" / "mongodb-latest.archive.gz"
    odd.write_text("x")
    result = subprocess.run(["bash", str(ROTATE), str(tmp_path), str(odd)], capture_output=True, text=True)
    assert result.returncode != 0 and "no YYYYMMDDTHHMMSSZ" in result.stderr


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("name", ["mongodb-backup", "neo4j-backup"])
def test_backup_cronjobs_run_daily_once_at_a_time_with_the_plans_retention(overlay: str, name: str) -> None:
    cronjob = next(o for o in rendered(overlay) if o["kind"] == "CronJob" and o["metadata"]["name"] == name)
    spec = cronjob["spec"]
    assert spec["concurrencyPolicy"] == "Forbid"
    minute, hour, day, month, weekday = spec["schedule"].split()
    assert (day, month, weekday) == ("*", "*", "*"), "daily"
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    env = {e["name"]: e.get("value") for e in pod["containers"][0]["env"]}
    assert (env["KEEP_DAILY"], env["KEEP_WEEKLY"], env["KEEP_MONTHLY"]) == ("7", "4", "12")
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v]
    pvcs = {o["metadata"]["name"] for o in rendered(overlay) if o["kind"] == "PersistentVolumeClaim"}
    assert claims and set(claims) <= pvcs


def test_compose_backups_use_the_same_scripts_and_retention() -> None:
    from conftest import compose

    prod = compose("docker-compose.prod.yml")["services"]
    for name in ("mongodb-backup", "neo4j-backup"):
        env = prod[name]["environment"]
        assert (env["KEEP_DAILY"], env["KEEP_WEEKLY"], env["KEEP_MONTHLY"]) == (7, 4, 12)
        assert "./docker/backup:/opt/insight/backup:ro" in prod[name]["volumes"]
