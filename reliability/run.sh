#!/usr/bin/env bash
# The reliability suite alone: reliability/run.sh [short|long] (default short). See README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode="${1:-short}"
./mvnw -B -ntp test -pl reliability -am -Dreliability.mode="$mode" \
  -Dtest='dev.stratus.reliability.*IT' -Dsurefire.failIfNoSpecifiedTests=false
echo "figures:"
cat reliability/target/reliability/figures.txt
