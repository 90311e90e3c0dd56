#!/usr/bin/env bash
# Compares two running copies of the site answer for answer on a fixed set of addresses, e.g. the site before and
# after a refactoring (issue 22):
#   tools/compare-responses.sh http://127.0.0.1:5101 http://127.0.0.1:5102
# Start each copy with its own data folder, e.g.
#   ASPNETCORE_ENVIRONMENT=Development FamilyMutualAid__DataDirectory=/tmp/a dotnet run --no-launch-profile \
#     --project src/FamilyMutualAid.Web --urls http://127.0.0.1:5101
# Prints "same" or "DIFF" per address (antiforgery tokens and problem trace ids differ on every request and are masked).
set -euo pipefail
base=${1:?base URL}; new=${2:?new URL}
paths=(
  / /regions "/regions?q=sz" /regions/shanghai /regions/beijing /regions/henan /regions/shanghai/history
  /regions/shanghai/binding /regions/jiangsu/history /places/320500 /places/659001
  "/compare?regions=shanghai,beijing" "/compare?regions=shanghai,beijing,henan,fuzhou" /sources /check /check/people
  "/check/result?sharer=shanghai&member=henan&relationship=parent&purpose=pharmacy&memberType=resident&balance=yes&sharerStatus=normal&memberStatus=normal"
  "/check/print?sharer=shanghai&member=henan&relationship=parent&purpose=pharmacy" /pay "/pay?region=shanghai&venue=pharmacy"
  /api/regions /api/regions/shanghai/policy /api/regions/beijing/policy "/api/places?q=suzhou"
  "/display?mode=large&return=/regions" /robots.txt /nonexistent
)
mask() { sed -E 's/(__RequestVerificationToken" type="hidden" value=")[^"]*/\1…/g; s/"traceId":"[^"]*"/"traceId":"…"/g'; }
status=0
for path in "${paths[@]}"; do
  a=$(curl -s "$base$path" | mask); b=$(curl -s "$new$path" | mask)
  if [ "$a" == "$b" ]; then echo "same  $path"; else echo "DIFF  $path (${#a} vs ${#b} characters)"; status=1; fi
done
exit $status
