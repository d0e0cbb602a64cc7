import assert from 'node:assert/strict';
import { App, Chart } from 'cdk8s';
import { CanaryRollout } from '../../../src-k8s/constructs/app/canary-rollout.js';
import { NotificationsApp } from '../../../src-k8s/constructs/app/notifications-app.js';
import { AppProject } from '../../../src-k8s/constructs/argo-cd/app-project.js';
import { ArgoCdApplication } from '../../../src-k8s/constructs/argo-cd/argo-cd-application.js';
import { ArgoCdConfig } from '../../../src-k8s/constructs/argo-cd/argo-cd-config.js';
import { HelmApplication } from '../../../src-k8s/constructs/argo-cd/helm-application.js';
import { InnoDbCluster } from '../../../src-k8s/constructs/database/innodb-cluster.js';
import { ExternalSecret } from '../../../src-k8s/constructs/external-secrets/external-secret.js';

describe('construct validation', () => {
  it('reports every invalid prop of every construct at once, with its construct path', () => {
    const app = new App({ outdir: '/nonexistent' });
    const chart = new Chart(app, 'test');

    new NotificationsApp(chart, 'app', {
      namespace: 'ns',
      image: 'registry.example/notifications:latest',
      replicas: -1,
      database: {
        url: { value: 'mysql://app@db:3306/app' },
        password: { secretName: 'db', key: 'password' },
        tls: { mode: 'off' },
      },
    });
    new InnoDbCluster(chart, 'database', {
      metadata: { name: 'a'.repeat(41) },
      secretName: 'db',
      instances: 10,
    });
    new ExternalSecret(chart, 'secret', { name: 'empty', namespace: 'ns' });
    new HelmApplication(chart, 'operator', {
      name: 'operator',
      chart: { repoURL: 'https://charts.example', chart: 'operator', version: '^1.0.0' },
      destinationNamespace: 'operator',
    });

    assert.throws(
      () => app.synth(),
      (error: Error) => {
        const lines = error.message.split('\n').filter((line) => /^\s*\[test\//.test(line));

        assert.equal(lines.length, 7, error.message);
        assert.match(error.message, /\[test\/app\] image .* must carry a pinned tag/);
        assert.match(error.message, /\[test\/app\] replicas must be/);
        assert.match(error.message, /\[test\/database\] metadata\.name .* longer than 40/);
        assert.match(error.message, /\[test\/database\] metadata\.namespace is required/);
        assert.match(error.message, /\[test\/database\] instances must be/);
        assert.match(error.message, /\[test\/secret\] needs data or a generator/);
        assert.match(error.message, /\[test\/operator\] chart operator must be pinned/);
        return true;
      },
    );
  });

  it('reports every problem of the Argo CD and Argo Rollouts objects at once', () => {
    const app = new App({ outdir: '/nonexistent' });
    const chart = new Chart(app, 'argo');

    new AppProject(chart, 'project', {
      name: 'everything',
      sourceRepos: ['*', 'git@github.com:example/repo.git'],
      destinationNamespaces: ['*'],
      clusterResources: [{ group: '*', kind: '*' }],
    });
    new ArgoCdApplication(chart, 'application', {
      name: 'app',
      repoURL: 'https://example.com/repo.git',
      path: '/dist/dev',
      destinationNamespace: 'app',
    });
    new ArgoCdConfig(chart, 'config', { reconciliationTimeout: '10s' });
    new CanaryRollout(chart, 'rollout', {
      metadata: { name: 'app', namespace: 'app' },
      selectorLabels: { app: 'app' },
      template: { spec: { containers: [] } },
      steps: [{ setWeight: 50 }, { pause: { duration: '2 minutes' } }, { setWeight: 20 }],
    });

    assert.throws(
      () => app.synth(),
      (error: Error) => {
        const lines = error.message.split('\n').filter((line) => /^\s*\[argo\//.test(line));

        assert.equal(lines.length, 8, error.message);
        assert.match(error.message, /\[argo\/project\] source repository "\*" must be an exact/);
        assert.match(error.message, /\[argo\/project\] source repository "git@github\.com/);
        assert.match(error.message, /\[argo\/project\] destination namespace "\*" must not/);
        assert.match(error.message, /\[argo\/project\] cluster resource "\*\/\*" must name/);
        assert.match(error.message, /\[argo\/application\] path "\/dist\/dev" must be a folder/);
        assert.match(error.message, /\[argo\/config\] reconciliationTimeout "10s" must be/);
        assert.match(error.message, /\[argo\/rollout\] steps\[1\]\.pause\.duration "2 minutes"/);
        assert.match(
          error.message,
          /\[argo\/rollout\] steps\[2\]\.setWeight 20 is below an earlier 50/,
        );
        return true;
      },
    );
  });
});
