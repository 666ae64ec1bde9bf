#!/usr/bin/env bash
# Installs the system packages sgw builds and runs with, when they are missing. Idempotent and quiet when all
# are present. Needs root (or sudo) only when something must be installed.
# With --browser, also what scripts/browser-test drives the console with: Debian's Chromium and a Chinese font.
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev)
if [ "${1:-}" = "--browser" ]; then packages+=(chromium fonts-wqy-zenhei); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: no 'swift' on PATH; install the Swift 6 toolchain (this machine kind has it at /opt/swift)" >&2
  exit 1
fi
