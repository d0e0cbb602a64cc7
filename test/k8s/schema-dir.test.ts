import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_SCHEMA_DIR, loadMysqlOperatorSchema, resolveSchemaDir } from './schema-dir.js';

describe('resolveSchemaDir', () => {
  it('defaults to ../shared/schemas beside the repository', () => {
    assert.equal(resolveSchemaDir({}), DEFAULT_SCHEMA_DIR);
    assert.equal(path.basename(DEFAULT_SCHEMA_DIR), 'schemas');
  });

  it('fails with a message naming SCHEMA_DIR when the directory does not exist', () => {
    const missing = path.join(DEFAULT_SCHEMA_DIR, 'no-such-folder');

    assert.throws(
      () => resolveSchemaDir({ SCHEMA_DIR: missing }),
      (error: Error) => {
        assert.match(
          error.message,
          /^SCHEMA_DIR: schema directory .*no-such-folder does not exist/,
        );
        return true;
      },
    );
  });

  it('finds the InnoDBCluster schema through the setting', () => {
    const schema = loadMysqlOperatorSchema('InnoDBCluster', 'v2', {
      SCHEMA_DIR: DEFAULT_SCHEMA_DIR,
    });

    assert.equal(schema.type, 'object');
  });
});
