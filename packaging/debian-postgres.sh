#!/usr/bin/env bash
# Installs PostgreSQL 15 (server binaries) for the team-library tests when it is missing.
# Only acts as root on a dpkg system; otherwise it says what to install. It never creates,
# starts or touches the system's default cluster: the tests run their own private one.
set -euo pipefail

command -v dpkg-query >/dev/null 2>&1 || exit 0
dpkg-query -W -f='${Status}' postgresql-15 2>/dev/null | grep -q "ok installed" && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing PostgreSQL 15 for the team-library tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # policy-rc.d 101: the package must not start (or create) a service cluster of its own.
    policy=/usr/sbin/policy-rc.d
    created=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && created=1
    fi
    status=0
    apt-get install -y -q --no-install-recommends postgresql-15 || status=$?
    [ "$created" -eq 1 ] && rm -f "$policy"
    exit "$status"
else
    echo "Missing Debian package for the team tests (install it as root): postgresql-15" >&2
fi
