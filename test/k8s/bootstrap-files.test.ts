import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { ARGO_CD_VERSION, argoCdInstallUrl } from '../../src-k8s/bootstrap/argo-cd-release.js';
import { bootstrapFiles } from '../../src-k8s/bootstrap/bootstrap-files.js';
import { renderKustomization } from '../../src-k8s/bootstrap/kustomization.js';
import { clusterNamed } from './synth-cluster.js';

describe('bootstrapFiles', () => {
  it('installs the highly available Argo CD where the cluster asks for it', () => {
    const install = (cluster: string) =>
      (
        parse(bootstrapFiles(clusterNamed(cluster))['argo-cd/kustomization.yaml'] ?? '') as {
          resources: string[];
        }
      ).resources[0];

    assert.equal(install('prod-eks'), argoCdInstallUrl(true));
    assert.equal(install('dev'), argoCdInstallUrl(false));
    assert.match(argoCdInstallUrl(true), new RegExp(`/${ARGO_CD_VERSION}/manifests/ha/install`));
  });
});

describe('renderKustomization', () => {
  it('writes a commented kustomization, leaving out what is not set', () => {
    const text = renderKustomization({ comment: ['Made here.', ''], resources: ['a.yaml'] });

    assert.equal(
      text,
      '# Made here.\n#\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' +
        'resources:\n  - a.yaml\n',
    );
  });
});
