#!/usr/bin/env bash
# Backup and restore of FamilyMutualAid's database (docs/deploying.md; tested by BackupRestoreTests).
#
#   deploy/backup.sh backup  sqlite     <database file> <backup file>    online: the site may keep running
#   deploy/backup.sh restore sqlite     <backup file>   <database file>  stop the site first
#   deploy/backup.sh backup  postgresql <database URI>  <backup file>    online (pg_dump, one consistent snapshot)
#   deploy/backup.sh restore postgresql <backup file>   <database URI>   stop the instances first
#
# A database URI is postgresql://user[:password]@host[:port]/database (or use PGPASSWORD / ~/.pgpass).
# After a restore, start the instances again: they load the restored data at start.
# Needs sqlite3 (apt-get install sqlite3) or pg_dump/pg_restore (apt-get install postgresql-client).
set -euo pipefail

usage() { sed -n '4,7p' "$0" | sed 's/^# */usage: /' >&2; exit 2; }
[[ $# == 4 ]] || usage
action="$1" engine="$2" from="$3" to="$4"

case "$action $engine" in
  "backup sqlite")
    [[ -f $from ]] || { echo "no database at $from" >&2; exit 1; }
    # SQLite's online backup API: a consistent copy even while instances write. It waits (up to 30 s) for a writer
    # that holds the database at that moment instead of failing with "database is locked".
    sqlite3 -cmd ".timeout 30000" "$from" ".backup '$to'"
    sqlite3 "$to" "PRAGMA integrity_check;" | grep -qx ok
    ;;
  "restore sqlite")
    [[ -f $from ]] || { echo "no backup at $from" >&2; exit 1; }
    sqlite3 "$from" "PRAGMA integrity_check;" | grep -qx ok
    rm -f "$to-wal" "$to-shm" "$to-journal"
    sqlite3 -cmd ".timeout 30000" "$to" ".restore '$from'"
    ;;
  "backup postgresql")
    pg_dump --format=custom --no-owner --no-privileges --file="$to" "$from"
    ;;
  "restore postgresql")
    # Drops and recreates every object of the backup, in one transaction: a failed restore changes nothing.
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$to" "$from"
    ;;
  *) usage ;;
esac
echo "$action $engine: done ($from -> $to)"
