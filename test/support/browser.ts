import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that make Chromium quiet and reproducible in a container: no sandbox (it needs user
 * namespaces that containers often lack, and root cannot use it), no GPU, and none of the
 * background traffic (updates, sync, QUIC probes) that would reach for the network.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** How long each apt-get step may take; installing downloads about 100 MB. */
const APT_STEP_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * How long a test file's `before` hook should allow for {@link launchChromium}: both apt-get
 * steps when the browser has to be installed first, and the launch itself.
 */
export const BROWSER_SETUP_TIMEOUT_MS = 2 * APT_STEP_TIMEOUT_MS + 60_000;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: APT_STEP_TIMEOUT_MS,
  });

  if (result.status !== 0) {
    const detail = result.error?.message ?? result.stderr.toString().trim().split('\n').pop();
    throw new Error(`${command} ${args.join(' ')} failed: ${detail}`);
  }
}

/**
 * Makes sure Debian's Chromium is there. As root it installs the package when it is missing;
 * otherwise it fails with one line saying what to install. It never lets a browser test be
 * skipped, so a missing browser cannot pass for a green run.
 *
 * @returns the browser's path
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;

  if (process.getuid?.() !== 0) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}: install it with "apt-get install chromium"`,
    );
  }
  console.log(`    (no browser at ${CHROMIUM_PATH}; installing Debian's chromium package)`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);

  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing`);
  }
  return CHROMIUM_PATH;
}

/**
 * Launches headless Chromium. Playwright gives each launch a fresh, temporary user-data-dir and
 * deletes it on close, so no profile state leaks from one run into the next. Give every test its
 * own context (`browser.newContext()`), which starts without cookies.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
  });
}
