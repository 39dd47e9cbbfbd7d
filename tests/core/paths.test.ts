import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, resolveDatabasePath } from '../../electron/core/db/paths';

describe('database paths', () => {
  it('matches the folders Electron uses for userData', () => {
    expect(defaultUserDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/Beatline');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ann')).toBe('/x/Beatline');
    expect(defaultUserDataDir({}, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Beatline',
    );
    expect(
      defaultUserDataDir(
        { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
        'win32',
        'C:\\Users\\ann',
      ),
    ).toBe(join('C:\\Users\\ann\\AppData\\Roaming', 'Beatline'));
  });

  it('prefers --db, then BEATLINE_DB, then the per-user default', () => {
    const env = { BEATLINE_DB: '/env/lib.db', XDG_CONFIG_HOME: '/cfg' };
    expect(resolveDatabasePath({ argv: ['--db', 'a.db'], env })).toBe(resolve('a.db'));
    expect(resolveDatabasePath({ argv: ['--db=/b.db'], env })).toBe('/b.db');
    expect(resolveDatabasePath({ argv: [], env })).toBe('/env/lib.db');
    expect(resolveDatabasePath({ argv: [], env: { XDG_CONFIG_HOME: '/cfg' } })).toBe(
      '/cfg/Beatline/beatline.db',
    );
    expect(resolveDatabasePath({ env: {}, userDataDir: '/ud' })).toBe('/ud/beatline.db');
  });
});
