#!/usr/bin/env bash
# Creates the Secret insight-secrets with random values, every URI consistent with its
# password. Run once per cluster, before (or right after) the first `kubectl apply -k`:
#   k8s/create-secrets.sh                      # production: 3 MongoDB members
#   k8s/create-secrets.sh --mongo-members 1    # overlays/dev
# Options: --namespace NAME (insight-tracker), --mongo-members N (3), --dry-run (print the
# manifest instead of creating it). It never replaces an existing Secret: the databases
# keep the passwords they were initialised with. The keys are those of
# base/config/secret.template.yaml.
set -euo pipefail

namespace=insight-tracker
members=3
dry_run=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) namespace=$2; shift 2 ;;
    --mongo-members) members=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "create-secrets: unknown option $1" >&2; exit 64 ;;
  esac
done
command -v openssl >/dev/null || { echo "create-secrets: openssl is needed" >&2; exit 69; }

if [[ "$dry_run" != true ]] && kubectl -n "$namespace" get secret insight-secrets >/dev/null 2>&1; then
  echo "create-secrets: secret insight-secrets already exists in $namespace; left as it is" >&2
  exit 0
fi

hex() { openssl rand -hex "$1"; }
hosts=$(for ((i = 0; i < members; i++)); do printf 'mongodb-%d.mongodb:27017,' "$i"; done)
hosts=${hosts%,}
root_password=$(hex 24)
app_password=$(hex 24)
backup_password=$(hex 24)
redis_password=$(hex 24)

kubectl_args=(
  create secret generic insight-secrets
  --namespace "$namespace"
  --from-literal=NEO4J_PASSWORD="$(hex 24)"
  --from-literal=JWT_SECRET="$(hex 32)"
  --from-literal=MONGODB_URI="mongodb://insight:${app_password}@${hosts}/insight-tracker?replicaSet=rs0&authSource=insight-tracker"
  --from-literal=REDIS_URL="redis://:${redis_password}@redis:6379"
  --from-literal=MONGO_ROOT_PASSWORD="$root_password"
  --from-literal=MONGO_APP_PASSWORD="$app_password"
  --from-literal=MONGO_BACKUP_PASSWORD="$backup_password"
  --from-literal=MONGO_REPLICA_SET_KEY="$(openssl rand -base64 756 | tr -d '\n')"
  --from-literal=MONGODB_BACKUP_URI="mongodb://backup:${backup_password}@${hosts}/?replicaSet=rs0&authSource=admin"
  --from-literal=MONGODB_ROOT_URI="mongodb://root:${root_password}@${hosts}/?replicaSet=rs0&authSource=admin"
  --from-literal=REDIS_PASSWORD="$redis_password"
)

if [[ "$dry_run" == true ]]; then
  kubectl "${kubectl_args[@]}" --dry-run=client -o yaml
else
  kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
  kubectl "${kubectl_args[@]}"
  echo "create-secrets: created insight-secrets in $namespace (values: kubectl -n $namespace get secret insight-secrets -o yaml)"
fi
