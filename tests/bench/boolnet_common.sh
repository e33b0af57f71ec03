# SPDX-License-Identifier: MIT
# Sourced by boolnet_sync.sh and boolnet_sync_sat.sh: what both need before they time
# anything. Skips (exit 0 with a message) when R or BoolNet is missing, makes a work folder
# $work removed on exit, and defines
#
#   boolnet_network N K SEED FILE [R_CODE]
#
# which makes BoolNet's random N-K network (generateRandomNKNetwork(N, K) after
# set.seed(SEED)), writes it to FILE with saveNetwork, then runs R_CODE in the same R
# session, where `net` is the network and `args` the trailing arguments (N K SEED FILE $work).
if ! Rscript -e 'suppressMessages(library(BoolNet))' >/dev/null 2>&1; then
  echo "skipped: R with BoolNet is not installed (apt-get install r-cran-boolnet)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

boolnet_network() {
  Rscript - "$1" "$2" "$3" "$4" "$work" <<EOF_R
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(BoolNet))
set.seed(as.integer(args[3]))
net <- generateRandomNKNetwork(as.integer(args[1]), as.integer(args[2]))
suppressWarnings(saveNetwork(net, args[4]))
${5:-}
EOF_R
}
