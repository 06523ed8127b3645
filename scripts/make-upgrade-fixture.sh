#!/usr/bin/env bash
# Makes the upgrade fixture: a data folder written by THIS checkout's release, kept as a test resource so that a later
# release can be tested starting on it (issue 10, "Upgrade in place"). Run once by hand, as root (the CVM instance is
# a spawned sandboxed guest), on a clean checkout of the release, e.g. `git checkout release-1`:
#
#   scripts/make-upgrade-fixture.sh [NAME]        NAME defaults to release-1
#
# 1. `./rekey serve` runs on a fresh data folder in /tmp/rekey-upgrade-NAME with server/src/test/resources/upgrade/
#    NAME/rekey.yaml; 2. three property-gated JUnit classes drive it through the official SDKs (Tencent in server,
#    Huawei in it-huawei, Aliyun in it-aliyun) and record facts; 3. SIGTERM stops it and its spawned engines;
#    4. ReleaseOneFixtureGenerator#record reads the stopped store and writes expected.properties and EXPECTED.md;
#    5. only what a restart needs is copied to server/src/test/resources/upgrade/NAME/data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME="${1:-release-1}"
OUT="server/src/test/resources/upgrade/$NAME"
WORK="/tmp/rekey-upgrade-$NAME"   # fixed and short: its path is recorded (redis.conf) and must fit a unix socket

die() { echo "make-upgrade-fixture: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root: the CVM instance is a sandboxed qemu-ga guest (unshare --mount)"
[ -f "$OUT/rekey.yaml" ] || die "$OUT/rekey.yaml is missing: the configuration is committed before the fixture"
[ ! -e "$WORK" ] || die "$WORK exists (a previous run?): remove it first"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ | while read -r d; do [ -x "$d/bin/javac" ] && echo "${d%/}"; done | sort -V | tail -1)"
  export JAVA_HOME
fi

mkdir -p "$WORK/facts"
cp "$OUT/rekey.yaml" "$WORK/rekey.yaml"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

echo "make-upgrade-fixture: starting ./rekey serve on $WORK/data" >&2
./rekey serve --config "$WORK/rekey.yaml" --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 6000); do
  PORT="$(sed -n 's|^Rekey listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$WORK/serve.out")"
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "rekey serve exited: $(tail -5 "$WORK/serve.err")"
  sleep 0.1
done
[ -n "$PORT" ] || die "rekey serve did not start within 600 s: $(tail -5 "$WORK/serve.err")"

scenario() { # module, test selector
  echo "make-upgrade-fixture: $2 ($1)" >&2
  mvn -q -B -ntp -pl "$1" -am test -Dtest="$2" -Dsurefire.failIfNoSpecifiedTests=false \
    -Drekey.fixture.work="$WORK" -Drekey.fixture.endpoint="127.0.0.1:$PORT" \
    -Drekey.fixture.release="$NAME ($(git describe --tags --always --dirty))"
}
scenario server 'ReleaseOneFixtureGenerator#tencent'
scenario it-huawei ReleaseOneDcsScenario
scenario it-aliyun ReleaseOneAliyunScenario

echo "make-upgrade-fixture: stopping rekey serve (SIGTERM)" >&2
stop_server
for f in "$WORK"/data/engines/*/redis.pid "$WORK"/data/engines/*/memcached.pid "$WORK"/data/engines/*/qga.pid; do
  [ -f "$f" ] || continue
  pid="$(tr -dc 0-9 <"$f")"
  if [ -n "$pid" ] && grep -qa "$WORK" "/proc/$pid/cmdline" 2>/dev/null; then die "engine pid $pid ($f) still runs"; fi
done
scenario server 'ReleaseOneFixtureGenerator#record'

echo "make-upgrade-fixture: keeping what a restart needs in $OUT/data" >&2
rm -rf "$OUT/data"
mkdir -p "$OUT/data/engines"
cp "$WORK"/data/{rekey.mv.db,master.key,node-id} "$OUT/data/"
for engine in "$WORK"/data/engines/*/; do
  id="$(basename "$engine")"
  mkdir -p "$OUT/data/engines/$id"
  for f in redis.conf users.acl auth; do
    [ -f "$engine/$f" ] && cp "$engine/$f" "$OUT/data/engines/$id/"
  done
  if [ -d "$engine/etc-copy" ]; then   # a guest: only its own account files (UpgradeFixture.GUEST_PRIVATE_FILES)
    for f in passwd passwd- shadow shadow- group group- gshadow gshadow- subuid subuid- subgid subgid- .pwd.lock security/opasswd; do
      if [ -f "$engine/etc-copy/$f" ]; then
        mkdir -p "$(dirname "$OUT/data/engines/$id/etc-copy/$f")"
        cp "$engine/etc-copy/$f" "$OUT/data/engines/$id/etc-copy/$f"
      fi
    done
  fi
done
cp "$WORK/expected.properties" "$WORK/EXPECTED.md" "$OUT/"
rm -rf "$WORK"   # nothing may keep using the recorded path: a copy of the fixture relocates it

echo "make-upgrade-fixture: $OUT: $(du -sb "$OUT" | cut -f1) bytes on disk; compressed as git stores blobs:" >&2
find "$OUT" -type f | sort | while read -r f; do
  printf '%8d %8d  %s\n' "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)" "${f#"$OUT"/}"
done
