import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Every Markdown file of the repository outside node_modules and generated output. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'build', 'dist', '.git'].includes(entry.name)
        ? []
        : markdownFiles(path);
    }
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('documentation', () => {
  it('links only to files and images that exist', () => {
    const broken: string[] = [];

    for (const file of markdownFiles('.')) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (match[1] as string).split('#')[0] as string;
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        if (!existsSync(join(dirname(file), target)))
          broken.push(`${relative('.', file)} → ${target}`);
      }
    }

    assert.deepEqual(broken, []);
  });

  it('documents in README.md every setting the app reads', () => {
    const readme = readFileSync('README.md', 'utf8');
    const config = readFileSync('src-app/config.ts', 'utf8');
    const settings = [...config.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]);

    const missing = settings.filter((name) => !readme.includes(`\`${name}\``));

    assert.ok(settings.length >= 10, `found ${settings.length} settings`);
    assert.deepEqual(missing, []);
  });
});
