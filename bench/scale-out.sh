#!/usr/bin/env bash
# Scale-out figures on this machine: one API process and 1, then 2, worker processes sharing a
# PostgreSQL (the Maven artifact's binaries) and an S3 server (S3Proxy), all started by the bench;
# N lip-sync tasks on a 2.5 s clip (default 12) -> tasks per minute; then, with 2 workers, two
# tasks on a 20 s 720p clip, one per worker, and one worker killed with SIGKILL while both render
# -> seconds until its task starts again on the other.
# Usage: bench/scale-out.sh [TASKS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp=$(mktemp)
# Built in the reactor, nothing installed into ~/.m2: the classpath points at the modules' target/.
mvn -q -pl server -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp"
java -Xmx2g -Dmouthpiece.shared="$root/../shared" \
  -cp "server/target/test-classes:server/target/classes:$(cat "$cp")" \
  io.mouthpiece.server.scale.ScaleBench "${1:-12}" 2> /tmp/mp-scale-bench.log
rm -f "$cp"
