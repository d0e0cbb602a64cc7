import assert from 'node:assert/strict';
import { App, Chart, Size } from 'cdk8s';
import {
  NotificationsApp,
  type NotificationsAppProps,
} from '../../../src-k8s/constructs/notifications-app.js';
import { findObject, type KubeObject, synthCluster } from '../synth-cluster.js';

/** The parts of a Deployment that these tests read. */
interface Container {
  name: string;
  image: string;
  ports: { containerPort: number; name: string }[];
  env: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: unknown[];
  readinessProbe: { httpGet: { path: string; port: number } };
  livenessProbe: { httpGet: { path: string; port: number } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  securityContext: Record<string, unknown>;
  volumes: { name: string; emptyDir?: object }[];
  serviceAccountName: string;
  automountServiceAccountToken: boolean;
  terminationGracePeriodSeconds: number;
}

function deploymentOf(objects: readonly KubeObject[]) {
  const deployment = findObject(objects, 'Deployment', 'notifications-app');
  const spec = deployment.spec as {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
  const container = spec.template.spec.containers[0];
  assert.ok(container, 'the Deployment has no container');

  return { spec, pod: spec.template.spec, container };
}

const VALID_PROPS: NotificationsAppProps = {
  namespace: 'notifications',
  image: 'registry.example/notifications:1.2.3',
  database: {
    host: 'db.notifications.svc.cluster.local',
    port: 3306,
    database: 'notifications',
    user: 'root',
    passwordSecretName: 'db-credentials',
    passwordSecretKey: 'rootPassword',
  },
};

function validationErrors(props: Partial<NotificationsAppProps>): string[] {
  const chart = new Chart(new App(), 'test');
  const app = new NotificationsApp(chart, 'app', { ...VALID_PROPS, ...props });

  return app.node.validate();
}

describe('NotificationsApp', () => {
  let objects: KubeObject[];
  let spec: ReturnType<typeof deploymentOf>['spec'];
  let pod: PodSpec;
  let container: Container;

  before(() => {
    objects = synthCluster();
    ({ spec, pod, container } = deploymentOf(objects));
  });

  it('runs one replica of the pinned dev image', () => {
    assert.equal(spec.replicas, 1);
    assert.equal(container.image, 'localhost:5001/github-notifications:0.1.0');
  });

  it('exposes the app port as http', () => {
    assert.deepEqual(container.ports, [{ containerPort: 8080, name: 'http' }]);
  });

  it('probes readiness on /readyz and liveness on /healthz at the app port', () => {
    assert.deepEqual(container.readinessProbe.httpGet, {
      path: '/readyz',
      port: 8080,
      scheme: 'HTTP',
    });
    assert.deepEqual(container.livenessProbe.httpGet, {
      path: '/healthz',
      port: 8080,
      scheme: 'HTTP',
    });
  });

  it('requests CPU and memory and limits memory', () => {
    assert.ok(container.resources.requests.cpu);
    assert.ok(container.resources.requests.memory);
    assert.ok(container.resources.limits.memory);
    assert.equal(container.resources.limits.cpu, undefined);
  });

  it('runs as the non-root user 10001 without privileges', () => {
    assert.deepEqual(pod.securityContext.seccompProfile, { type: 'RuntimeDefault' });
    assert.equal(pod.securityContext.runAsNonRoot, true);

    assert.equal(container.securityContext.runAsNonRoot, true);
    assert.equal(container.securityContext.runAsUser, 10001);
    assert.equal(container.securityContext.runAsGroup, 10001);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.equal(container.securityContext.privileged, false);
    assert.deepEqual(container.securityContext.capabilities, { drop: ['ALL'] });
  });

  it('has a read-only root filesystem with an emptyDir at /tmp', () => {
    const mount = container.volumeMounts.find((entry) => entry.mountPath === '/tmp');
    const volume = pod.volumes.find((entry) => entry.name === mount?.name);

    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.ok(mount, 'nothing is mounted at /tmp');
    assert.ok(volume?.emptyDir, '/tmp is not an emptyDir');
  });

  it('configures the app through plain environment variables', () => {
    const plain = Object.fromEntries(
      container.env.filter((entry) => entry.value !== undefined).map((e) => [e.name, e.value]),
    );

    assert.deepEqual(plain, {
      PORT: '8080',
      DATABASE_URL:
        'mysql://root@notifications-db.notifications.svc.cluster.local:3306/notifications',
      LOG_LEVEL: 'info',
      GITHUB_API_URL: 'https://api.github.com',
      MIGRATE_ON_START: 'true',
    });
  });

  it('takes every secret from a Secret by secretKeyRef and nothing else', () => {
    const fromSecrets = Object.fromEntries(
      container.env
        .filter((entry) => entry.value === undefined)
        .map((entry) => [entry.name, entry.valueFrom?.secretKeyRef]),
    );

    assert.deepEqual(fromSecrets, {
      DATABASE_PASSWORD: { name: 'notifications-db-credentials', key: 'rootPassword' },
      TOKEN_ENCRYPTION_KEY: { name: 'notifications-app-secrets', key: 'token-encryption-key' },
      SESSION_KEYS: { name: 'notifications-app-secrets', key: 'session-keys' },
    });
    assert.equal(container.envFrom, undefined);
  });

  it('uses its own ServiceAccount without an API token', () => {
    const account = findObject(objects, 'ServiceAccount', 'notifications-app');

    assert.equal(account.automountServiceAccountToken, false);
    assert.equal(pod.serviceAccountName, 'notifications-app');
    assert.equal(pod.automountServiceAccountToken, false);
  });

  it('gives pods time to drain on shutdown', () => {
    assert.equal(pod.terminationGracePeriodSeconds, 30);
  });

  it('selects its pods by explicit labels in the Deployment and the Service', () => {
    const service = findObject(objects, 'Service', 'notifications-app');
    const serviceSpec = service.spec as {
      type: string;
      selector: Record<string, string>;
      ports: { port: number; targetPort: unknown }[];
    };
    const expected = {
      'app.kubernetes.io/name': 'notifications-app',
      'app.kubernetes.io/part-of': 'github-notifications',
    };

    assert.deepEqual(spec.selector.matchLabels, expected);
    assert.deepEqual(spec.template.metadata.labels, expected);
    assert.deepEqual(serviceSpec.selector, expected);
    assert.equal(serviceSpec.type, 'ClusterIP');
    assert.deepEqual(
      serviceSpec.ports.map(({ port, targetPort }) => ({ port, targetPort })),
      [{ port: 80, targetPort: 'http' }],
    );
  });

  it('accepts a pinned image', () => {
    assert.deepEqual(validationErrors({}), []);
  });

  it('rejects an image without a tag or with latest', () => {
    for (const image of ['registry.example:5000/notifications', 'notifications:latest']) {
      const errors = validationErrors({ image });

      assert.equal(errors.length, 1, `${image} was accepted`);
      assert.match(errors[0] ?? '', /pinned tag or digest/);
    }
  });

  it('rejects a memory limit below the memory request', () => {
    const errors = validationErrors({
      resources: { memoryRequest: Size.mebibytes(512), memoryLimit: Size.mebibytes(256) },
    });

    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /memoryLimit must not be below/);
  });

  it('reports every invalid prop at once', () => {
    const errors = validationErrors({ image: 'notifications', replicas: -1 });

    assert.equal(errors.length, 2);
  });
});
