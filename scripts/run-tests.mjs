#!/usr/bin/env node
// `npm test`: builds the app, then runs every suite that can run on this machine (Vitest,
// then Playwright against the browser host, and the Electron suite where its binary is
// installed), lets each runner print its own summary, and ends with one totals line.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.test-output');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function systemChromium() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** Playwright's own Chromium, downloaded once where the network allows it. */
function ensureBrowser() {
  if (systemChromium()) return;
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "const {chromium}=require('playwright-core');process.stdout.write(chromium.executablePath())",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (probe.status === 0 && existsSync(probe.stdout)) return;
  run('browser', bin('playwright'), ['install', 'chromium']);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let stepsFailed = 0;

if (run('build', bin('electron-vite'), ['build', '--logLevel', 'warn']) !== 0) {
  console.error('The build failed; the bundle and end-to-end suites need it.');
  stepsFailed++;
}

const vitestJson = join(outDir, 'vitest-results.json');
const vitestStatus = run('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  // A file that fails to load has no tests to count; count it as a failure.
  totals.failed += vitest.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
}
if (vitestStatus !== 0 && (!vitest || totals.failed === 0)) stepsFailed++;

ensureBrowser();
const playwrightArgs = ['test'];
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
const xvfb = needsDisplay && ['/usr/bin/xvfb-run'].find((p) => existsSync(p));
const playwrightStatus = xvfb
  ? run('playwright', xvfb, ['-a', bin('playwright'), ...playwrightArgs])
  : run('playwright', bin('playwright'), playwrightArgs);
const playwright = readJson(join(outDir, 'playwright-results.json'));
if (playwright) {
  const s = playwright.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  for (const e of playwright.errors ?? []) console.error(`Playwright error: ${e.message}`);
  if ((playwright.errors ?? []).length > 0 && s.unexpected === 0) stepsFailed++;
}
if (playwrightStatus !== 0 && (!playwright || playwright.stats.unexpected === 0)) stepsFailed++;

const failed = totals.failed + stepsFailed;
const line = `${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`;
writeFileSync(join(outDir, 'summary.txt'), `${line}\n`);
console.log(`\n${line}`);
process.exit(failed > 0 ? 1 : 0);
