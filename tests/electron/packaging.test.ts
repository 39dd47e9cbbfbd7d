// Packaging cannot run here (electron-builder downloads Electron), so the parsed configuration
// is checked against what docs/PACKAGING.md promises, including the fuses electron-builder flips.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/built';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  afterPack?: unknown;
  electronFuses?: Record<string, boolean>;
}

const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app and packs the built app and migrations into an asar', () => {
    expect(config.appId).toBe('app.beatline.desktop');
    expect(config.productName).toBe('Beatline');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'migrations/**']));
    expect(config.asar).toBe(true);
  });

  it('unpacks better-sqlite3 from the asar and does not rebuild it', () => {
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
    expect(config.npmRebuild).toBe(false);
  });

  it("flips every fuse with electron-builder's own electronFuses, no custom hook", () => {
    expect(config.afterPack).toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only fuse names electron-builder knows', () => {
    const types = readFileSync(
      join(repoRoot, 'node_modules', 'app-builder-lib', 'out', 'configuration.d.ts'),
      'utf8',
    );
    const known = /interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? '';
    for (const name of Object.keys(config.electronFuses ?? {})) {
      expect(known, name).toMatch(new RegExp(`\\b${name}\\?: boolean;`));
    }
  });
});
