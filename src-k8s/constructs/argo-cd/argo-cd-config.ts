import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { HEALTH_CHECKS, type HealthCheck, healthCheckEntries } from './health-checks.js';
import { goDurationSeconds } from './go-duration.js';

/** Name of Argo CD's main ConfigMap; Argo CD reads no other name. */
export const ARGO_CD_CONFIG_MAP = 'argocd-cm';

/**
 * Props of `ArgoCdConfig`.
 */
export interface ArgoCdConfigProps {
  /**
   * Namespace of the ConfigMap. A kustomize patch must leave it out: kustomize matches patches
   * before it sets the kustomization's namespace on the install.
   * @default - none
   */
  readonly namespace?: string;

  /**
   * How often Argo CD polls git for every Application (`timeout.reconciliation`). Push webhooks
   * make syncs prompt; polling is the fallback when a delivery is lost.
   * @see https://argo-cd.readthedocs.io/en/stable/faq/#how-often-does-argo-cd-check-for-changes-to-my-git-or-helm-repository
   * @default '180s'
   */
  readonly reconciliationTimeout?: string;

  /**
   * Lua health checks for kinds that Argo CD cannot judge by itself.
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
   * @default HEALTH_CHECKS
   */
  readonly healthChecks?: readonly HealthCheck[];
}

/**
 * This repository's settings for Argo CD, as a patch of `argocd-cm` on top of the upstream
 * install (Argo CD reads them live, without a restart): health checks, the polling interval, and annotation-based resource tracking, so that
 * Argo CD does not take over the `app.kubernetes.io/instance` label that Helm charts set.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/argocd-cm-yaml/
 */
export class ArgoCdConfig extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdConfigProps = {}) {
    super(scope, id);

    const reconciliation = props.reconciliationTimeout ?? '180s';

    new k8s.KubeConfigMap(this, 'config-map', {
      metadata: { name: ARGO_CD_CONFIG_MAP, namespace: props.namespace },
      data: {
        'timeout.reconciliation': reconciliation,
        'application.resourceTrackingMethod': 'annotation',
        ...healthCheckEntries(props.healthChecks ?? HEALTH_CHECKS),
      },
    });

    this.node.addValidation({
      validate: () => {
        const seconds = goDurationSeconds(reconciliation);

        return seconds !== undefined && seconds >= 60
          ? []
          : [`reconciliationTimeout "${reconciliation}" must be a duration of 60s or more`];
      },
    });
  }
}
