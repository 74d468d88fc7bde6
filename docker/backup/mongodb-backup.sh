#!/usr/bin/env bash
# One MongoDB backup: mongodump of the whole replica set (with the oplog, so the archive is
# a consistent point in time) into $BACKUP_DIR/daily, then the 7/4/12 retention.
# Runs in the mongo image (Kubernetes CronJob mongodb-backup, compose profile backup).
#   MONGODB_BACKUP_URI  mongodb://backup:…@host:27017/?replicaSet=rs0&authSource=admin
#   BACKUP_DIR          where the daily/weekly/monthly folders live (/backups)
set -euo pipefail
backup_dir=${BACKUP_DIR:-/backups}
: "${MONGODB_BACKUP_URI:?set MONGODB_BACKUP_URI}"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$backup_dir/daily/mongodb-$stamp.archive.gz"
mkdir -p "$backup_dir/daily"
# A secondary carries the dump's read load when there is one.
mongodump --uri="$MONGODB_BACKUP_URI" --readPreference=secondaryPreferred --oplog --gzip \
  --archive="$file.partial"
mv "$file.partial" "$file"
echo "mongodb-backup: wrote $file ($(du -h "$file" | cut -f1))"
bash "$(dirname "${BASH_SOURCE[0]}")/gfs-rotate.sh" "$backup_dir" "$file"
