import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeElectronReport } from '../fixtures/report';
import { builtMain, repoRoot } from './built';

const register = join(import.meta.dirname, '..', 'fixtures', 'register-fake-electron.ts');

export interface MainRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: FakeElectronReport;
}

/**
 * Runs the built main bundle under plain Node with 'electron' mapped to the recording fake.
 * `userData` is what the fake's app.getPath('userData') answers.
 */
export function runBuiltMain(options: {
  userData: string;
  reportPath: string;
  args?: string[];
  env?: Record<string, string>;
  /** A scenario module (tests/electron/scenarios/) that plays the window (else it quits at once). */
  scenario?: string;
}): Promise<MainRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BEATLINE_DB;
  delete env.ELECTRON_RENDERER_URL;
  Object.assign(env, options.env, {
    FAKE_ELECTRON_USER_DATA: options.userData,
    FAKE_ELECTRON_REPORT: options.reportPath,
  });
  if (options.scenario) env.FAKE_ELECTRON_SCENARIO = options.scenario;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', register, builtMain, ...(options.args ?? [])],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!existsSync(options.reportPath)) {
        reject(
          new Error(
            `the main bundle wrote no report (exit ${code}).\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        );
        return;
      }
      const report = JSON.parse(readFileSync(options.reportPath, 'utf8')) as FakeElectronReport;
      resolve({ code, stdout, stderr, report });
    });
  });
}

/** The path of a scenario module in tests/electron/scenarios/. */
export function scenarioFile(name: string): string {
  return join(import.meta.dirname, '..', 'scenarios', `${name}.ts`);
}

/**
 * Runs the built main bundle with a typed scenario playing the window; `result` is what the
 * scenario returned, typed by the scenario itself.
 */
export async function runScenario<T>(
  _scenario: (context: never) => Promise<T>,
  name: string,
  options: { userData: string; args?: string[]; env?: Record<string, string> },
): Promise<MainRun & { result: T }> {
  const run = await runBuiltMain({
    ...options,
    reportPath: join(options.userData, 'report.json'),
    scenario: scenarioFile(name),
  });
  return { ...run, result: run.report.scenario as T };
}
