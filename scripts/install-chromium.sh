#!/usr/bin/env bash
# Installs Debian's Chromium when no Chromium is found. Uses sudo when not root.
set -euo pipefail
if [ -n "${DARKAUDIT_CHROME:-}" ] && command -v "$DARKAUDIT_CHROME" >/dev/null 2>&1; then
  exit 0
fi
for c in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$c" >/dev/null 2>&1; then
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "darkaudit: no Chromium found and no apt-get to install it; install Chromium and set DARKAUDIT_CHROME" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "darkaudit: installing Chromium from Debian's packages..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
