import assert from 'node:assert/strict';
import { isPinnedImage } from '../../src-k8s/constructs/image-reference.js';
import { podTemplates, readDist } from './dist-objects.js';

/** The parts of a container that these checks read. */
interface Container {
  name: string;
  image?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    privileged?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  ports?: { hostPort?: number }[];
}

/** The parts of a pod spec that these checks read. */
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
  securityContext?: Container['securityContext'];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
}

/** Volume types that Pod Security "restricted" allows. */
const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Problems of one pod spec against "restricted" and this repository's own rules. */
function podProblems(pod: PodSpec, longRunning: boolean): string[] {
  const problems: string[] = [];
  const podContext = pod.securityContext ?? {};
  const seccomp = (container: Container) =>
    container.securityContext?.seccompProfile?.type ?? podContext.seccompProfile?.type;

  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) {
    problems.push('shares a host namespace');
  }
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name') ?? '';
    if (!RESTRICTED_VOLUME_TYPES.has(type)) {
      problems.push(`volume ${String(volume.name)} is of type ${type}`);
    }
  }

  const all = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of all) {
    const context = container.securityContext ?? {};
    const say = (problem: string) => problems.push(`container ${container.name}: ${problem}`);

    if (!(context.runAsNonRoot ?? podContext.runAsNonRoot)) say('runAsNonRoot is not true');
    if ((context.runAsUser ?? podContext.runAsUser) === 0) say('runs as uid 0');
    if (context.privileged) say('is privileged');
    if (context.allowPrivilegeEscalation !== false) say('allowPrivilegeEscalation is not false');
    if (!context.capabilities?.drop?.includes('ALL')) say('does not drop ALL capabilities');
    if ((context.capabilities?.add ?? []).some((add) => add !== 'NET_BIND_SERVICE')) {
      say('adds capabilities');
    }
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp(container) ?? '')) {
      say('has no RuntimeDefault or Localhost seccomp profile');
    }
    if (context.readOnlyRootFilesystem !== true) say('root filesystem is writable');
    if (!container.resources?.requests?.cpu) say('requests no CPU');
    if (!container.resources?.requests?.memory) say('requests no memory');
    if (!container.resources?.limits?.memory) say('has no memory limit');
    if (!isPinnedImage(container.image ?? '')) say(`image ${container.image} is not pinned`);
    if ((container.ports ?? []).some((port) => port.hostPort !== undefined)) say('uses hostPort');
  }
  for (const container of longRunning ? (pod.containers ?? []) : []) {
    if (!container.livenessProbe || !container.readinessProbe) {
      problems.push(`container ${container.name}: long-running without liveness and readiness`);
    }
  }

  return problems;
}

describe('pod templates in dist/', () => {
  const templates = podTemplates(readDist());

  it('finds the workloads of every cluster', () => {
    const owners = templates.map((template) => template.owner);

    assert.ok(owners.includes('dev/Deployment/notifications-app'));
    assert.ok(owners.includes('staging-gke/CronJob/notifications-db-backup-pruner'));
    assert.ok(owners.includes('prod-eks/Job/notifications-migrate'));
    assert.ok(owners.includes('prod-eks/Rollout/notifications-app'));
  });

  for (const template of templates) {
    it(`${template.owner} meets Pod Security "restricted" and the repository's rules`, () => {
      assert.deepEqual(podProblems(template.spec as PodSpec, template.longRunning), []);
    });
  }

  it('catches what a careless template would do', () => {
    const careless: PodSpec = {
      hostNetwork: true,
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
      containers: [{ name: 'app', image: 'app:latest', securityContext: { privileged: true } }],
    };

    const problems = podProblems(careless, true);

    assert.equal(problems.length, 13, problems.join('\n'));
  });
});
