#!/bin/sh
# Start a local PostgreSQL server (Debian's packages) for sitrep's test suite and print its URL.
#
#   export SITREP_TEST_POSTGRES="$(.ci/postgres.sh)"
#
# Installs the `postgresql` package when the server is missing, starts the default cluster, creates a role
# and a database for the tests (each test then works in a fresh schema of its own), and prints
# postgresql://USER:PASSWORD@127.0.0.1:PORT/DB on stdout. Everything else goes to stderr. Idempotent: running
# it again with the server up only prints the URL. Needs root (or sudo) for apt-get and pg_ctlcluster.
set -eu

PG_USER="${SITREP_PG_USER:-sitrep}"
PG_PASSWORD="${SITREP_PG_PASSWORD:-sitrep}"
PG_DB="${SITREP_PG_DB:-sitrep_test}"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "installing Debian's postgresql ..." >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    $SUDO pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    $SUDO pg_ctlcluster "$VERSION" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')"

i=0
until pg_isready -q -h 127.0.0.1 -p "$PORT"; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then echo "PostgreSQL did not come up on port $PORT" >&2; exit 1; fi
    sleep 0.5
done

as_postgres() { $SUDO runuser -u postgres -- "$@"; }
as_postgres psql -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD';
    ELSE
        ALTER ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SQL
if [ "$(as_postgres psql -tA -p "$PORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    as_postgres createdb -p "$PORT" -O "$PG_USER" "$PG_DB" >&2
fi

echo "postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/$PG_DB"
