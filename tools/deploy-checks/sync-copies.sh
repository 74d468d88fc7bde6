#!/usr/bin/env bash
# Kustomize reads files below k8s/base only: copy the scripts of docker/ there and rebuild
# the monitoring component's PrometheusRule from docker/prometheus/rules. Run after
# changing any of them; tools/deploy-checks/run.sh fails while the copies differ.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cp "$root"/docker/mongo/mongod-replica-set.sh "$root"/docker/mongo/init-replica-set.js "$root/k8s/base/mongodb/scripts/"
rm -f "$root"/k8s/base/backup/scripts/*
cp "$root"/docker/backup/* "$root/k8s/base/backup/scripts/"
{
  echo '# GENERATED from docker/prometheus/rules/insight-tracker.yml by tools/deploy-checks/sync-copies.sh;'
  echo '# do not edit: change the rules file and run that script.'
  echo 'apiVersion: monitoring.coreos.com/v1'
  echo 'kind: PrometheusRule'
  echo 'metadata:'
  echo '  name: insight-tracker'
  echo '  labels:'
  echo '    release: kube-prometheus-stack'
  echo 'spec:'
  grep -v '^#' "$root/docker/prometheus/rules/insight-tracker.yml" | sed 's/^/  /; s/^  $//'
} >"$root/k8s/components/monitoring/prometheusrule.yaml"
echo "sync-copies: k8s/base scripts and the PrometheusRule are up to date"
# Keep `nx format:check` green: format the generated file like the rest of the repository.
(cd "$root" && npx --no-install prettier --log-level warn --write k8s/components/monitoring/prometheusrule.yaml k8s/base/mongodb/scripts k8s/base/backup/scripts)
