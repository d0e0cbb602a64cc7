import assert from 'node:assert/strict';
import { App, Chart } from 'cdk8s';
import { NotificationsApp } from '../../../src-k8s/constructs/app/notifications-app.js';
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
});
