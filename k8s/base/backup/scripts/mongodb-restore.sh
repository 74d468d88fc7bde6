#!/usr/bin/env bash
# Restores one archive written by mongodb-backup.sh, replacing the collections it holds
# and replaying the oplog captured with it. Stop (scale to 0) api and worker first.
#   MONGODB_RESTORE_URI  a root user's URI: replaying the oplog needs more than the restore role
#   mongodb-restore.sh /backups/daily/mongodb-20260105T021500Z.archive.gz
set -euo pipefail
archive=${1:?usage: mongodb-restore.sh ARCHIVE}
: "${MONGODB_RESTORE_URI:?set MONGODB_RESTORE_URI}"
[[ -f "$archive" ]] || { echo "mongodb-restore: no such archive $archive" >&2; exit 66; }
mongorestore --uri="$MONGODB_RESTORE_URI" --gzip --archive="$archive" --drop --oplogReplay
echo "mongodb-restore: restored $archive; now run the graph rebuild so Neo4j follows"
