#!/usr/bin/env bash
# Loads one archive written by neo4j-backup.cjs into an EMPTY Neo4j database (runs in the
# neo4j image, which has cypher-shell). With --wipe it first deletes every node and drops
# every constraint and index. Usually simpler: run the graph rebuild job, which replays
# MongoDB (the source of truth) into Neo4j.
#   neo4j-restore.sh [--wipe] /backups/daily/neo4j-20260105T024500Z.cypher.gz
# Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD.
set -euo pipefail
wipe=false
if [[ "${1:-}" == --wipe ]]; then wipe=true; shift; fi
archive=${1:?usage: neo4j-restore.sh [--wipe] ARCHIVE}
[[ -f "$archive" ]] || { echo "neo4j-restore: no such archive $archive" >&2; exit 66; }
cypher() { cypher-shell -a "${NEO4J_URI:-bolt://neo4j:7687}" -u "${NEO4J_USERNAME:-neo4j}" -p "${NEO4J_PASSWORD:?}" --format plain "$@"; }

nodes=$(cypher 'MATCH (n) RETURN count(n) AS nodes' | tail -n 1)
if [[ "$nodes" != 0 ]]; then
  if [[ "$wipe" != true ]]; then
    echo "neo4j-restore: the database holds $nodes nodes; pass --wipe to replace them" >&2
    exit 65
  fi
  cypher 'MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'
fi
if [[ "$wipe" == true ]]; then
  for name in $(cypher 'SHOW CONSTRAINTS YIELD name RETURN name' | tail -n +2 | tr -d '"'); do
    cypher "DROP CONSTRAINT \`$name\` IF EXISTS"
  done
  for name in $(cypher "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name" | tail -n +2 | tr -d '"'); do
    cypher "DROP INDEX \`$name\` IF EXISTS"
  done
fi
gunzip -c "$archive" | cypher
echo "neo4j-restore: loaded $archive"
