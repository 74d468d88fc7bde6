"""Kustomize can only read files below its own folder, so k8s/base keeps copies of the
scripts in docker/. They must stay identical (tools/deploy-checks/sync-copies.sh)."""

from __future__ import annotations

import pytest

from conftest import ROOT

COPIES = [
    ("docker/mongo/mongod-replica-set.sh", "k8s/base/mongodb/scripts/mongod-replica-set.sh"),
    ("docker/mongo/init-replica-set.js", "k8s/base/mongodb/scripts/init-replica-set.js"),
    *[
        (f"docker/backup/{name}", f"k8s/base/backup/scripts/{name}")
        for name in ("gfs-rotate.sh", "mongodb-backup.sh", "mongodb-restore.sh", "neo4j-backup.cjs", "neo4j-restore.sh")
    ],
]


@pytest.mark.parametrize("source,copy", COPIES, ids=[c for _, c in COPIES])
def test_kubernetes_copy_equals_the_docker_script(source: str, copy: str) -> None:
    assert (ROOT / copy).read_bytes() == (ROOT / source).read_bytes(), f"{copy} differs from {source}: run tools/deploy-checks/sync-copies.sh"


def test_every_docker_backup_script_has_a_kubernetes_copy() -> None:
    scripts = {p.name for p in (ROOT / "docker/backup").iterdir()}
    assert scripts == {p.name for p in (ROOT / "k8s/base/backup/scripts").iterdir()}
