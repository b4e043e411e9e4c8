#!/usr/bin/env bash
# Builds the engine, the bench module and the server jar, then runs the load benchmark against the real server.
# usage: bench/run-load.sh [--users 50] [--seconds 120] [--size 50MB] [--think-ms 0] [--memory-limit 400MB]
#                          [--threads 0] [--dir bench/data] [--jar server/target/quarry.jar]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# the whole jar, web UI included: it is the one `./quarry serve` runs afterwards
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl server -am

exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:bench/target/lib/*" \
  io.quarry.bench.LoadBench "$@"
