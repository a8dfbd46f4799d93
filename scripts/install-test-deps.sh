#!/usr/bin/env bash
# Installs the system tools the test suite drives for real: Debian's Chromium
# (browser tests), Apache and nginx (redirect and header tests), OpenSSH, vsftpd,
# lftp and rsync (deploy tests), Java (Nu Html Checker), and the npm packages in
# package.json. Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium apache2 nginx libnginx-mod-http-brotli-static openssh-server vsftpd lftp rsync default-jre-headless)
# The machines ship Node.js with npm; Debian's are the fallback on one that has none.
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-test-deps: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools (lighthouse, vnu-jar, axe-core; @netlify/redirect-parser,
# netlify-redirector and wrangler for the static-host tests): --ignore-scripts because vnu-jar's postinstall
# downloads a Java runtime (Debian's Java runs its jar instead); wrangler needs no
# script: its workerd and esbuild binaries come in npm optional dependencies
# (@cloudflare/workerd-linux-64, @esbuild/linux-x64).
if [ -f package-lock.json ]; then
  stamp=node_modules/.package-lock-digest
  digest=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "install-test-deps: npm ci"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$digest" > "$stamp"
  fi
fi
