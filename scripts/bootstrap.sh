#!/usr/bin/env bash
# Installs the Debian packages soupkeeper needs to build and test, if missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libsqlite3-dev libpq-dev libssl-dev libcurl4-openssl-dev
  libsimdjson-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libyaml-cpp-dev libpugixml-dev libcpp-httplib-dev libarchive-dev
  libgtest-dev libbenchmark-dev libxlsxwriter-dev libzstd-dev
  node-spdx-license-ids node-spdx-exceptions
  clang libclang-rt-14-dev
  postgresql python3-jsonschema
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "soupkeeper needs these Debian packages: ${missing[*]}" >&2
  echo "Run as root:  $cmd" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
