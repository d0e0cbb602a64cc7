import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR, DEFAULT_MANIFESTS_DIR, REPO_ROOT } from '../../src-k8s/paths.js';

/** The secretlint CLI of this repository, with its `.secretlintrc.json`. */
const SECRETLINT = path.join(REPO_ROOT, 'node_modules', '.bin', 'secretlint');

/**
 * Runs secretlint with this repository's configuration over files below `cwd` (it refuses files
 * outside its working folder); returns its exit status and the files it flagged.
 */
function secretlint(
  files: readonly string[],
  cwd = REPO_ROOT,
): { status: number | null; flagged: string[] } {
  const config = path.join(REPO_ROOT, '.secretlintrc.json');
  const result = spawnSync(
    SECRETLINT,
    ['--secretlintrc', config, '--format', 'unix', '--no-color', '--no-glob', ...files],
    { cwd, encoding: 'utf8' },
  );
  // One line per finding: `<absolute path>:<line>:<column>: <message>`.
  const flagged = result.stdout
    .split('\n')
    .map((line) => /^(\/.+?):\d+:\d+: /.exec(line)?.[1])
    .filter((file): file is string => file !== undefined);

  return { status: result.status, flagged: [...new Set(flagged)] };
}

/** Every YAML document in the YAML files below `dir`. */
function yamlDocuments(dir: string): { file: string; document: Record<string, unknown> }[] {
  return listFiles(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((document) => ({
        file,
        document: (document.toJS() ?? {}) as Record<string, unknown>,
      })),
    );
}

/** A random string of the letters, digits, `+` and `/` that AWS secret access keys use. */
function awsLike(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

describe('secrets in git', () => {
  it('no Secret object in dist/ or clusters/ carries data or stringData', () => {
    const documents = [
      ...yamlDocuments(DEFAULT_MANIFESTS_DIR),
      ...yamlDocuments(DEFAULT_BOOTSTRAP_DIR),
    ];
    const secrets = documents.filter(({ document }) => document.kind === 'Secret');

    assert.ok(documents.length > 0);
    for (const { file, document } of secrets) {
      assert.equal(document.data, undefined, `${file} has data`);
      assert.equal(document.stringData, undefined, `${file} has stringData`);
    }
  });

  it('secretlint finds nothing in the tracked files', function () {
    this.timeout(60_000);
    const listed = spawnSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const files = listed.stdout.split('\0').filter((file) => file !== '');

    const { status, flagged } = secretlint(files);

    assert.ok(files.length > 50, 'git ls-files listed too few files');
    assert.deepEqual(flagged, []);
    assert.equal(status, 0);
  });

  it('secretlint would catch an AWS key or a private key added to a file', function () {
    this.timeout(60_000);
    // Built at run time, so that no file in git holds anything that looks like a secret.
    const scratch = mkdtempSync(path.join(tmpdir(), 'secretlint-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const awsFile = path.join(scratch, 'aws.env');
    const keyFile = path.join(scratch, 'key.pem');
    const cleanFile = path.join(scratch, 'clean.yaml');

    try {
      writeFileSync(awsFile, `aws_secret_access_key = ${awsLike(40)}\n`);
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }));
      writeFileSync(cleanFile, 'kind: ConfigMap\ndata:\n  LOG_LEVEL: info\n');

      const { status, flagged } = secretlint(['aws.env', 'key.pem', 'clean.yaml'], scratch);

      assert.deepEqual(flagged.sort(), [awsFile, keyFile].sort());
      assert.equal(status, 1);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
