#!/usr/bin/env bash
# The main job: installs what is missing, builds soupkeeper, and runs
# `soupkeeper demo` on the bundled sample data in a fresh workspace.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/bootstrap.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$root/build" -j2 soupkeeper
exec "$root/build/soupkeeper" demo "$@"
