import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** Path on which argocd-server receives push webhooks from GitHub, GitLab and others. */
export const WEBHOOK_PATH = '/api/webhook';

/** The Service of the upstream install that serves Argo CD's API, UI and webhook. */
const ARGO_CD_SERVER = { name: 'argocd-server', port: 443 } as const;

/**
 * Props of `ArgoCdWebhookIngress`.
 */
export interface ArgoCdWebhookIngressProps {
  /**
   * Public host name that GitHub sends pushes to (`spec.rules[].host`, `spec.tls[].hosts`).
   * @default - none; required
   */
  readonly host: string;

  /**
   * Namespace of the Ingress; unset in a kustomization that sets it.
   * @default - none
   */
  readonly namespace?: string;

  /**
   * IngressClass (`spec.ingressClassName`).
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
   * @default 'nginx'
   */
  readonly className?: string;

  /**
   * Secret of type kubernetes.io/tls for `host` (`spec.tls[].secretName`), made outside git.
   * @default 'argocd-webhook-tls'
   */
  readonly tlsSecretName?: string;

  /**
   * Annotations, such as `cert-manager.io/cluster-issuer`.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A public Ingress for push webhooks that routes exactly `/api/webhook` to argocd-server and
 * nothing else: GitHub can reach the webhook while the UI and API stay private. argocd-server
 * speaks TLS itself, so ingress-nginx is told to talk HTTPS to it.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/webhook/
 */
export class ArgoCdWebhookIngress extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdWebhookIngressProps) {
    super(scope, id);

    new k8s.KubeIngress(this, 'resource', {
      metadata: {
        name: 'argocd-webhook',
        namespace: props.namespace,
        annotations: {
          'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
          ...props.annotations,
        },
      },
      spec: {
        ingressClassName: props.className ?? 'nginx',
        tls: [{ hosts: [props.host], secretName: props.tlsSecretName ?? 'argocd-webhook-tls' }],
        rules: [
          {
            host: props.host,
            http: {
              paths: [
                {
                  path: WEBHOOK_PATH,
                  pathType: 'Exact',
                  backend: {
                    service: {
                      name: ARGO_CD_SERVER.name,
                      port: { number: ARGO_CD_SERVER.port },
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    });
  }
}
