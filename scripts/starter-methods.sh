#!/usr/bin/env bash
# The must-show runs of DPO and GRPO on the bundled starter, from the command line, as a new user would run them:
#   starter --method dpo   preference pairs made from the word-kind skill (right reply chosen, another kind's rejected),
#                          held-out preference accuracy before and after (README, "Preference and RL runs")
#   starter --method grpo  a 25-step SFT warm start, then GRPO with the exact-match reward, held-out mean reward
#                          before and after
# Each prints its progress and ends with the JSON line {"metric", "before", "after", "seconds"}. Run it from the
# checkout after `mvn -B -DskipTests package`; it works in a temporary engine home (WHETSTONE_HOME=DIR to keep it).
set -euo pipefail

JAR=${JAR:-app/target/whetstone.jar}
[ -f "$JAR" ] || { echo "starter-methods: $JAR is missing; run mvn -B -DskipTests package first" >&2; exit 2; }
HOME_DIR=${WHETSTONE_HOME:-$(mktemp -d)}
echo "engine home: $HOME_DIR; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for method in dpo grpo; do
  echo "== starter --method $method"
  java -jar "$JAR" starter --method "$method" --home "$HOME_DIR" --device cpu | tail -n 4
done
