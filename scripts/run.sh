#!/usr/bin/env bash
# Runs the service on a Debian machine: local Postgres+pgvector and Redis up (scripts/infra.sh), migrations
# applied, then the API on http://127.0.0.1:8080 (OpenAPI at /openapi/v1.json, reference page at /scalar).
#
# Signing key: Auth__SigningKey when set; otherwise a random key generated once into the git-ignored
# .local/signing-key, which `dotnet run --project src/Api -- token ...` reads too.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/infra.sh up >/dev/null
eval "$(scripts/infra.sh env)"

if [ -z "${Auth__SigningKey:-}" ]; then
  if [ ! -s .local/signing-key ]; then
    mkdir -p .local
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >.local/signing-key && echo >>.local/signing-key)
  fi
  Auth__SigningKey=$(tr -d '\n' <.local/signing-key)
  export Auth__SigningKey
fi
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:8080}

dotnet build src/Api --configuration Release --verbosity quiet --nologo
dotnet run --project src/Api --configuration Release --no-build -- migrate
echo "MediaGateway on $ASPNETCORE_URLS (reference: $ASPNETCORE_URLS/scalar); a token: dotnet run --project src/Api -- token --user me --tenant demo" >&2
exec dotnet run --project src/Api --configuration Release --no-build
