import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/**
 * Where the app is reachable from outside the cluster.
 */
export interface AppIngressOptions {
  /**
   * Public host name (`spec.rules[].host` and `spec.tls[].hosts`).
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
   * @default - none; required
   */
  readonly host: string;

  /**
   * IngressClass (`spec.ingressClassName`).
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
   * @default 'nginx'
   */
  readonly className?: string;

  /**
   * Secret of type kubernetes.io/tls for `host` (`spec.tls[].secretName`), made outside git.
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
   * @default - none; required
   */
  readonly tlsSecretName: string;

  /**
   * Annotations, such as `cert-manager.io/cluster-issuer`.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Props of `AppIngress`.
 */
export interface AppIngressProps extends AppIngressOptions {
  /**
   * Metadata of the Ingress; `annotations` are added to it.
   * @default - none; required
   */
  readonly metadata: k8s.ObjectMeta;

  /**
   * Service that receives the traffic.
   * @default - none; required
   */
  readonly serviceName: string;

  /**
   * Port of that Service.
   * @default - none; required
   */
  readonly servicePort: number;
}

/** An Ingress that terminates TLS for one host and sends every path to the app's Service. */
export class AppIngress extends Construct {
  constructor(scope: Construct, id: string, props: AppIngressProps) {
    super(scope, id);

    new k8s.KubeIngress(this, 'resource', {
      metadata: {
        ...props.metadata,
        annotations: { ...props.metadata.annotations, ...props.annotations },
      },
      spec: {
        ingressClassName: props.className ?? 'nginx',
        tls: [{ hosts: [props.host], secretName: props.tlsSecretName }],
        rules: [
          {
            host: props.host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: props.serviceName, port: { number: props.servicePort } },
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
