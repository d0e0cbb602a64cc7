/**
 * The Argo CD release that every cluster runs, pinned to a tag. Its install manifests are not
 * copied into this repository: each cluster's `argo-cd/kustomization.yaml` refers to them by
 * address at this tag, so an upgrade is a one-line change here, a `npm run synth`, and a commit
 * that Argo CD then applies to itself. Read the upgrade notes of every minor version skipped.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/upgrading/overview/
 */
export const ARGO_CD_VERSION = 'v3.0.12';

/**
 * Address of the upstream install manifests at `ARGO_CD_VERSION`: the highly available variant
 * (several replicas of the API and repo servers, Redis with Sentinel) or the single-replica one.
 * Both are cluster-wide installs: Argo CD may deploy to any namespace its projects allow.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/installation/
 */
export function argoCdInstallUrl(highAvailability: boolean): string {
  const manifest = highAvailability ? 'ha/install.yaml' : 'install.yaml';

  return `https://raw.githubusercontent.com/argoproj/argo-cd/${ARGO_CD_VERSION}/manifests/${manifest}`;
}
