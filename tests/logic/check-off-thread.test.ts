// `stories:check` off the host's thread (issue 14): the hosts answer the whole check from a
// worker with its own read-only connection, so ~100 ms of checking at 100,000 beats never holds
// up a save or, in the desktop app, the window. Real library files, a real worker thread.
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../electron/core/contract/channels';
import type { Result } from '../../electron/core/contract/types';
import type { Library } from '../../electron/core/library';
import { createLink } from '../../electron/core/links';
import { withWorkerChecks, type WorkerChecks } from '../../electron/core/logic/check-off-thread';
import { generateStory } from '../../bench/generate';
import { addLinks, smallEventBeats } from '../../bench/logic';
import { dumpDatabase, must, tempLibrary } from '../helpers/library';

const running: WorkerChecks[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.close()));
});

function checksOver(lib: Library): WorkerChecks {
  const checks = withWorkerChecks(
    { invoke: async (channel: Channel, input) => lib.dispatcher.call(channel, input as never) },
    () => lib,
  );
  running.push(checks);
  return checks;
}

describe('the whole story check in a worker', () => {
  it('answers what the host would, sees each write at once, and refuses what the host refuses', async () => {
    const lib = await tempLibrary();
    const story = generateStory(lib.db, 400, 'Worker check');
    const beats = smallEventBeats(lib, story);
    addLinks(lib, beats, 60, 3);
    const checks = checksOver(lib);
    expect(await checks.started()).toBe(true);
    const here = () => must(lib.dispatcher.call('stories:check', { storyId: story.storyId }));
    const there = async () =>
      must((await checks.invoke('stories:check', { storyId: story.storyId })) as Result<unknown>);
    expect(await there()).toEqual(here());

    // A write answered on the host's connection is in the worker's next answer.
    const [first, last] = [beats[0]!, beats.at(-1)!];
    createLink(lib.db, { fromMomentId: last, toMomentId: first, kind: 'causes', strength: 'hard' });
    const after = (await there()) as ReturnType<typeof here>;
    expect(after.errors).toBeGreaterThan(0);
    expect(after).toEqual(here());

    const before = dumpDatabase(lib.db);
    const gone = await checks.invoke('stories:check', {
      storyId: '01890000-0000-7000-8000-000000000000',
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await checks.invoke('stories:check', { storyId: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('does the checking on its own thread, not the host’s', async () => {
    const lib = await tempLibrary();
    const story = generateStory(lib.db, 20_000, 'Long check');
    addLinks(lib, smallEventBeats(lib, story), 3_000, 4);
    // The host's own answers, counting the whole checks asked of them (on this thread).
    let checkedHere = 0;
    const checks = withWorkerChecks(
      {
        invoke: async (channel: Channel, input) => {
          if (channel === 'stories:check') checkedHere += 1;
          return lib.dispatcher.call(channel, input as never);
        },
      },
      () => lib,
    );
    running.push(checks);
    expect(await checks.started()).toBe(true);
    const input = { storyId: story.storyId };
    // A call asked after the check is answered before it: this thread's loop goes on serving
    // while the worker checks (on the host's thread the check would answer first, as it did
    // before the worker: an ordering, not a speed).
    const order: string[] = [];
    const check = checks.invoke('stories:check', input).then((r) => (order.push('check'), r));
    const list = checks.invoke('stories:list', {}).then((r) => (order.push('list'), r));
    const [answer] = await Promise.all([check, list]);
    expect(order).toEqual(['list', 'check']);
    expect(checkedHere).toBe(0);
    expect(must(answer as Result<unknown>)).toEqual(
      must(lib.dispatcher.call('stories:check', input)),
    );
  });

  it('answers on the host’s thread while the worker is starting, and after it is closed', async () => {
    const lib = await tempLibrary();
    const story = generateStory(lib.db, 40, 'Early check');
    const checks = checksOver(lib);
    // Asked at once: the worker has not started yet, the host answers.
    const early = await checks.invoke('stories:check', { storyId: story.storyId });
    expect(early).toMatchObject({ ok: true, value: { storyId: story.storyId, errors: 0 } });
    await checks.close();
    const late = await checks.invoke('stories:check', { storyId: story.storyId });
    expect(late).toEqual(early);
  });
});
