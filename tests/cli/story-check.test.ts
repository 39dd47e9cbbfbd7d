// `beatline story-check`: the story check from the command line, through the real bin.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/core/contract/types';
import { openLibrary } from '../../electron/core/library';
import { runCli, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A story whose hard `causes` link is broken (the effect is read and happens first). */
async function seed(path: string, broken: { hard: boolean; intentional?: boolean }) {
  const lib = await openLibrary(path);
  try {
    const d = lib.dispatcher;
    const story = ok(d.call('stories:create', { title: 'The Lighthouse' }));
    const night = ok(d.call('events:create', { storyId: story.id, title: 'Night watch' }));
    const arrival = ok(d.call('events:create', { storyId: story.id, title: 'Arrival' }));
    const effect = ok(
      d.call('moments:create', { eventId: night.id, description: 'She breaks in' }),
    );
    const cause = ok(
      d.call('moments:create', { eventId: arrival.id, description: 'The door is bolted' }),
    );
    const link = ok(
      d.call('links:create', {
        fromMomentId: cause.id,
        toMomentId: effect.id,
        kind: 'causes',
        strength: broken.hard ? 'hard' : 'soft',
      }),
    );
    if (broken.intentional) ok(d.call('links:update', { linkId: link.id, intentional: true }));
    return story.id;
  } finally {
    lib.close();
  }
}

describe('beatline story-check', () => {
  it('prints the problems and exits 1 on an error', async () => {
    const db = join(tmp.dir, 'library.db');
    await seed(db, { hard: true });
    const run = runCli(['story-check', '--db', db, '--story', 'the lighthouse'], { home: tmp.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'Story check of "The Lighthouse": 1 error, 0 warnings, 0 notes\n' +
        "  [error] 'The door is bolted' (Arrival, beat 1) causes 'She breaks in' " +
        '(Night watch, beat 1), but now happens after it.\n',
    );
  });

  it('prints JSON with --json, and exits 0 on warnings and intentional errors', async () => {
    const soft = join(tmp.dir, 'soft.db');
    const storyId = await seed(soft, { hard: false });
    const run = runCli(['story-check', '--db', soft, '--story', storyId, '--json'], {
      home: tmp.dir,
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      title: 'The Lighthouse',
      storyId,
      errors: 0,
      warnings: 1,
      problems: [{ code: 'effect_before_cause', severity: 'warning', intentional: false }],
    });

    const marked = join(tmp.dir, 'marked.db');
    await seed(marked, { hard: true, intentional: true });
    const again = runCli(['story-check', '--db', marked, '--story', 'The Lighthouse'], {
      home: tmp.dir,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 errors, 0 warnings, 0 notes (1 marked intentional)');
    expect(again.stdout).toContain('[error, intentional]');
  });

  it('needs --story, and names a story it cannot find', async () => {
    const db = join(tmp.dir, 'library.db');
    await seed(db, { hard: true });
    const missing = runCli(['story-check', '--db', db], { home: tmp.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('story-check needs --story');
    const unknown = runCli(['story-check', '--db', db, '--story', 'Nope'], { home: tmp.dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No story with the id or title "Nope"');
  });
});
