#!/usr/bin/env bash
# Builds the engine and the bench module, then runs the chart bench (the contract's example payloads A-D) in one JVM.
# usage: bench/run-chart.sh [--size 1GB] [--runs 10] [--dir bench/data] [--memory-limit 400MB] [--threads 2]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 ]]; then
  set -- --size 1GB --runs 10
fi
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:bench/target/lib/*" \
  io.quarry.bench.ChartBench "$@"
