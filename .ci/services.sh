#!/usr/bin/env bash
# Installs the real services the record/mail/publication tests run against, from Debian's packages:
# PostgreSQL (initdb/pg_ctl for a throwaway cluster) and Chromium (headless browser for the public pages).
# Idempotent and quick when both are present; the lead calls it from .ci/run.
set -euo pipefail

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null 2>&1
}
have_chromium() { [ -x /usr/bin/chromium ]; }

missing=()
have_postgres || missing+=(postgresql)
have_chromium || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  echo "services: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package starts its own cluster; the tests start a throwaway one instead.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v service >/dev/null 2>&1; then
    $sudo service postgresql stop >/dev/null 2>&1 || true
  fi
fi
echo "services: postgresql $(have_postgres && echo present || echo MISSING), chromium $(have_chromium && echo present || echo MISSING)"
