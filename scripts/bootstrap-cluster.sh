#!/usr/bin/env bash
# Takes an empty cluster to one that Argo CD keeps in step with this repository: applies
# clusters/<name> server-side, waits for Argo CD's CRDs when the first pass could not yet map
# AppProject and Application, and applies again. Safe to run again at any time.
#
#   scripts/bootstrap-cluster.sh <cluster>     (kubectl's current context is the target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cluster="${1:-}"
if [ -z "$cluster" ] || [ ! -f "clusters/$cluster/kustomization.yaml" ]; then
  echo "usage: $0 <cluster>   (one of: $(cd clusters && ls -d -- */ | tr -d / | tr '\n' ' '))" >&2
  exit 2
fi

apply() { kubectl apply --server-side --force-conflicts -k "clusters/$cluster"; }

# kubectl maps every kind before it creates anything, so on an empty cluster the first pass
# creates the CRDs but cannot yet create the AppProject and Applications that use them.
if ! apply; then
  echo "Waiting for Argo CD's CRDs, then applying again." >&2
  kubectl wait --for condition=Established --timeout 120s \
    crd/applications.argoproj.io crd/appprojects.argoproj.io
  apply
fi

echo "Applied. Watch Argo CD take over: kubectl -n argocd get applications --watch" >&2
