#!/usr/bin/env bash
# Starts mongod as a member of replica set $MONGO_REPLICA_SET (default rs0) with members
# authenticating each other by the shared key in $MONGO_REPLICA_SET_KEY (6-1024 base64
# characters, e.g. `openssl rand -base64 756 | tr -d '\n'`). Used by docker-compose.prod.yml
# and the Kubernetes StatefulSet (k8s/base/mongodb keeps a copy; a check keeps them equal).
# Extra arguments go to mongod.
set -euo pipefail

replica_set=${MONGO_REPLICA_SET:-rs0}
key_dir=${MONGO_KEY_DIR:-/tmp/mongodb-key}
if [[ -z "${MONGO_REPLICA_SET_KEY:-}" ]]; then
  echo "mongod-replica-set: MONGO_REPLICA_SET_KEY is not set" >&2
  exit 64
fi
# mongod refuses a key file that others can read; the secret arrives as an environment
# variable, so write it to a private file and drop it from the environment.
mkdir -p "$key_dir"
umask 077
printf '%s\n' "$MONGO_REPLICA_SET_KEY" >"$key_dir/keyfile"
chmod 400 "$key_dir/keyfile"
if [[ "$(id -u)" == 0 ]]; then chown -R mongodb:mongodb "$key_dir"; fi
unset MONGO_REPLICA_SET_KEY

# In a StatefulSet only the first member creates the root user (the image's initdb step);
# the others start empty and receive the users by initial sync when they join.
if [[ "${MONGO_ROOT_USER_ON_FIRST_MEMBER_ONLY:-false}" == true && "${HOSTNAME##*-}" != 0 ]]; then
  unset MONGO_INITDB_ROOT_USERNAME MONGO_INITDB_ROOT_PASSWORD
fi

exec docker-entrypoint.sh mongod --replSet "$replica_set" --keyFile "$key_dir/keyfile" --bind_ip_all "$@"
