#!/usr/bin/env bash
# Builds the engine and the bench module, then runs the read (page latency) benchmark in one JVM.
# usage: bench/run-read.sh [--size 1GB] [--runs 20] [--dir bench/data] [--memory-limit 400MB] [--threads 2]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 ]]; then
  set -- --size 1GB --runs 20
fi
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:bench/target/lib/*" \
  io.quarry.bench.ReadBench "$@"
