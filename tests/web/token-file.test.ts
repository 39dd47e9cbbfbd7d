import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FolderError } from '../../electron/core/files/make-folder';
import { loadToken, writeTokenFile } from '../../electron/web/token-file';

// The local API's token file (issue 17) in a folder that cannot be made (issue 13): a clear
// FolderError at once, never Node's looping recursive mkdir, and nothing written.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes the token owner-only into a folder it makes', () => {
  const path = join(dir, 'data', 'api', 'token');
  const { token } = loadToken(path);
  expect(readFileSync(path, 'utf8').trim()).toBe(token);
  if (process.platform !== 'win32') {
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
  }
});

it('refuses a folder whose name is taken by a file, and leaves the file as it was', () => {
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'not a folder\n');
  const write = () => writeTokenFile(join(file, 'api', 'token'), 'x'.repeat(43));
  expect(write).toThrow(FolderError);
  expect(write).toThrow(/for the access token cannot be created: notes\.txt is not a folder/);
  expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
});
