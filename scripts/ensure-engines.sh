#!/usr/bin/env bash
# Installs the real engines Rekey spawns when they are missing (Debian packages; idempotent; needs root).
# Used by the launcher before `serve` and `test`, and by .ci/run.
need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli    >/dev/null || need+=(redis-tools)
command -v memcached    >/dev/null || need+=(memcached)
[ -x /usr/sbin/qemu-ga ]           || need+=(qemu-guest-agent)
command -v unshare      >/dev/null || need+=(util-linux)
command -v useradd      >/dev/null || need+=(passwd)
command -v openssl      >/dev/null || need+=(openssl)
command -v ss           >/dev/null || need+=(iproute2)   # tests watch engine connections with ss
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "rekey: missing engine packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "rekey: installing ${need[*]}..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
