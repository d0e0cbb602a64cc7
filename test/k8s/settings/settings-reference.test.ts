import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../src-k8s/paths.js';
import { referenceRows, REFERENCE_FILE } from '../../../src-k8s/settings/settings-reference.js';
import { clusterSettingsJsonSchema } from '../../../src-k8s/settings/settings-schema.js';

describe('settings reference', () => {
  const reference = readFileSync(path.join(REPO_ROOT, REFERENCE_FILE), 'utf8');
  const rows = referenceRows();

  it('documents every key of the schema with a meaning', () => {
    const keys = rows.map((row) => row.key);

    for (const key of [
      'app.image',
      'database[mode=operator].backup.retentionDays',
      'secretStore[provider=aws-secrets-manager].roleArn',
      'network.ingressNamespace',
    ]) {
      assert.ok(keys.includes(key), `${key} is not documented`);
    }
    for (const row of rows) {
      assert.ok(
        reference.includes(`| \`${row.key}\` |`),
        `${row.key} is missing from ${REFERENCE_FILE}`,
      );
      assert.notEqual(row.meaning, '', `${row.key} has no description in the schema`);
    }
  });

  it('shows defaults and marks required keys', () => {
    const row = (key: string) => rows.find((entry) => entry.key === key);

    assert.equal(row('app.replicas')?.default, '`2`');
    assert.equal(row('app.image')?.default, 'required');
    assert.equal(row('app.ingress')?.default, 'unset');
  });

  it('is generated from a strict schema that editors can use', () => {
    const schema = clusterSettingsJsonSchema();

    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['app', 'database']);
  });
});
