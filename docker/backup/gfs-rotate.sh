#!/usr/bin/env bash
# Grandfather-father-son retention of one backup directory:
#   gfs-rotate.sh DIR FILE
# FILE is a finished backup in DIR/daily whose name carries its UTC time as
# YYYYMMDDTHHMMSSZ (e.g. mongodb-20260105T021500Z.archive.gz). It is linked into
# DIR/weekly when that tier has no backup of the same ISO week yet, and into DIR/monthly
# when it has none of the same month. Each tier then keeps its newest KEEP_DAILY (7),
# KEEP_WEEKLY (4) and KEEP_MONTHLY (12) backups and deletes older ones.
# Shared by the MongoDB and Neo4j backups (docker-compose.prod.yml and Kubernetes).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: gfs-rotate.sh DIR FILE" >&2
  exit 64
fi
dir=$1
file=$2
keep_daily=${KEEP_DAILY:-7}
keep_weekly=${KEEP_WEEKLY:-4}
keep_monthly=${KEEP_MONTHLY:-12}

stamp_of() {
  local name=${1##*/} stamp=""
  while [[ $name =~ ([0-9]{8}T[0-9]{6}Z) ]]; do
    stamp=${BASH_REMATCH[1]}
    name=${name#*"$stamp"}
  done
  if [[ -z "$stamp" ]]; then
    echo "gfs-rotate: no YYYYMMDDTHHMMSSZ time in the name $1" >&2
    return 1
  fi
  echo "$stamp"
}
week_of() { date -u -d "${1:0:8}" +%G-W%V; }
month_of() { echo "${1:0:6}"; }

name=${file##*/}
stamp=$(stamp_of "$file")
mkdir -p "$dir/daily" "$dir/weekly" "$dir/monthly"

# promote TIER PERIOD_FUNCTION: link the new backup unless TIER has one of its period.
promote() {
  local tier=$1 period_of=$2 period existing
  period=$("$period_of" "$stamp")
  for existing in "$dir/$tier"/*; do
    [[ -f "$existing" ]] || continue
    if [[ "$("$period_of" "$(stamp_of "$existing")")" == "$period" ]]; then return 0; fi
  done
  ln -f "$file" "$dir/$tier/$name" 2>/dev/null || cp -f "$file" "$dir/$tier/$name"
  echo "gfs-rotate: $name is the $tier backup of $period"
}

# prune TIER KEEP: names sort by time because they differ only in their timestamp.
prune() {
  local tier=$1 keep=$2 old
  while IFS= read -r old; do
    [[ -n "$old" ]] || continue
    rm -f -- "$dir/$tier/$old"
    echo "gfs-rotate: deleted $tier/$old"
  done < <(find "$dir/$tier" -maxdepth 1 -type f ! -name '*.partial' -printf '%f\n' | sort -r | tail -n "+$((keep + 1))")
}

promote weekly week_of
promote monthly month_of
prune daily "$keep_daily"
prune weekly "$keep_weekly"
prune monthly "$keep_monthly"
