import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Issue 15 ("a simpler house"): small stylesheets, all reachable, and the promise lint rules. */

const root = resolve(import.meta.dirname, '..', '..');
const stylesDir = join(root, 'renderer', 'src', 'styles');
const MAX_LINES = 400;

/** Every file under `dir` (relative to the repository) whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter(keep)
    .map((name) => join(dir, name));
}

const lineCount = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').length - 1;

describe('files under 400 lines', () => {
  it('every stylesheet and the Markdown format files', () => {
    const files = [
      ...filesUnder('renderer/src/styles', (n) => n.endsWith('.css')),
      ...filesUnder('electron/core/formats', (n) => /^markdown.*\.ts$/.test(n)),
    ];
    expect(files.length).toBeGreaterThan(10);
    const long = files.filter((f) => lineCount(f) >= MAX_LINES).map((f) => `${f}: ${lineCount(f)}`);
    expect(long).toEqual([]);
  });
});

describe('stylesheets', () => {
  it('each one is imported, by a component or by an index stylesheet', () => {
    const importers = [...filesUnder('renderer/src', (n) => /\.(tsx?|css)$/.test(n))].map((f) => ({
      file: f,
      text: readFileSync(join(root, f), 'utf8'),
    }));
    const imported = new Set<string>();
    for (const { file, text } of importers) {
      for (const m of text.matchAll(/(?:@import|import)\s+['"]([^'"]+\.css)['"]/g)) {
        imported.add(relative(root, resolve(root, file, '..', m[1]!)));
      }
    }
    const sheets = filesUnder('renderer/src/styles', (n) => n.endsWith('.css'));
    expect(sheets.filter((s) => !imported.has(s))).toEqual([]);
    expect([...imported].filter((s) => !sheets.includes(s))).toEqual([]);
  });

  it('an index stylesheet holds only its comment and @import lines, so the order is in one place', () => {
    for (const index of ['app.css', 'logic.css']) {
      const text = readFileSync(join(stylesDir, index), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.filter((l) => !/^@import '\.\/[a-z-]+\.css';$/.test(l))).toEqual([]);
    }
  });
});

describe('lint: promises are awaited or marked void', () => {
  const eslint = new ESLint({ cwd: root });
  const promiseRules = [
    '@typescript-eslint/no-floating-promises',
    '@typescript-eslint/no-misused-promises',
  ];

  it('the rules are on, with type information, for source, tests, e2e and bench', async () => {
    const samples = [
      'electron/core/router.ts',
      'electron/main/index.ts',
      'renderer/src/main.tsx',
      'tests/scripts/house-rules.test.ts',
      'e2e/web/fixtures.ts',
      'bench/ui.ts',
    ];
    for (const file of samples) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as {
        rules: Record<string, unknown>;
        languageOptions: { parserOptions?: { projectService?: unknown } };
      };
      for (const rule of promiseRules) expect([file, config.rules[rule]]).toEqual([file, [2]]);
      expect(config.languageOptions.parserOptions?.projectService, file).toBe(true);
    }
  });

  it('a floating promise and an async click handler are refused; void and a wrapper pass', async () => {
    const ruleIds = async (code: string) => {
      const [result] = await eslint.lintText(code, {
        filePath: join(root, 'renderer/src/components/Toasts.tsx'),
      });
      return result!.messages.map((m) => m.ruleId).filter((id) => promiseRules.includes(id!));
    };
    const bad = [
      'async function save(): Promise<void> {}',
      'export function Probe() {',
      '  save();',
      '  return <button onClick={async () => save()}>Save</button>;',
      '}',
    ].join('\n');
    expect(await ruleIds(bad)).toEqual(promiseRules);
    const good = bad
      .replace('  save();', '  void save();')
      .replace('onClick={async () => save()}', 'onClick={() => void save()}');
    expect(await ruleIds(good)).toEqual([]);
  }, 300_000);
});
