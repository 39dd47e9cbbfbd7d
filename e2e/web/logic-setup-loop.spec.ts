// A loop of sets_up links in a library made before h71 (h73), written into the SQLite file as
// such a library holds it. The Story check shows the loop itself, naming its beats, with a
// button per link to remove it (undoable); its story exports to a file that imports again.
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { hostApi, must, seedStory } from './api';
import { expectSaved } from './timeline';

test('the Story check shows a loop of setups from before h71 and removes one of its links', async ({
  app: page,
  host,
}) => {
  const storyId = await seedStory(host, 'Loop', [
    { title: 'Arrival', beats: [['She arrives']] },
    { title: 'Night watch', beats: [['She breaks in']] },
  ]);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  const arrives = events[0]!.moments[0]!.id;
  const breaksIn = events[1]!.moments[0]!.id;
  must(
    await api.links.create({
      fromMomentId: arrives,
      toMomentId: breaksIn,
      kind: 'sets_up',
      strength: 'hard',
    }),
  );
  const db = new Database(host.dbPath, { fileMustExist: true });
  const setUps = () =>
    db
      .prepare(`SELECT count(*) FROM beat_links WHERE story_uuid = ? AND kind = 'sets_up'`)
      .pluck()
      .get(storyId);
  try {
    db.prepare(
      `INSERT INTO beat_links (link_uuid, story_uuid, from_moment_uuid, to_moment_uuid, kind,
        strength, note, intentional, created_at, updated_at)
      VALUES ('ffffffff-ffff-7fff-bfff-fffffffffff1', ?, ?, ?, 'sets_up', 'hard', '', 0,
        '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run(storyId, breaksIn, arrives);

    await page.reload();
    await page.getByRole('button', { name: /^Open Loop:/ }).click();
    await page.getByRole('button', { name: /^Story check/ }).click();
    const panel = page.getByRole('complementary', { name: 'Story check' });
    const problem = panel.locator('.check-problem');
    await expect(problem).toHaveCount(1);
    await expect(problem.locator('p')).toHaveText(
      "Loop of setups (error): 'She arrives' (Arrival, beat 1) sets up 'She breaks in' " +
        "(Night watch, beat 1) sets up 'She arrives': these setups make a loop, so in any " +
        'order one payoff is read before its setup. Remove one of these links.',
    );
    await expect(panel.getByRole('status')).toHaveText('1 error · 0 warnings');
    await expect(problem.getByRole('button', { name: 'Mark intentional' })).toHaveCount(0);

    // The fix: remove one link, written to the file; Undo puts it and the loop back.
    await problem
      .getByRole('button', { name: "Remove 'She breaks in' sets up 'She arrives'" })
      .click();
    await expect(panel.getByRole('status')).toHaveText('No problems.');
    await expectSaved(page);
    expect(setUps()).toBe(1);
    await page.getByRole('button', { name: /^Undo/ }).click();
    await expect(problem).toHaveCount(1);
    await expect(problem.locator('p')).toContainText('Loop of setups (error)');
    expect(setUps()).toBe(2);

    // Its story file imports again (h71 refused it: "would make a loop"), with both links.
    const file = must(await api.stories.export({ storyId, format: 'json' }));
    const copy = must(await api.stories.import({ format: 'json', content: file.content }));
    expect(must(await api.links.list({ storyId: copy.id })).map((l) => l.kind)).toEqual([
      'sets_up',
      'sets_up',
    ]);
    const copied = must(await api.stories.check({ storyId: copy.id }));
    expect(copied.problems.map((p) => p.code)).toEqual(['setup_loop']);
  } finally {
    db.close();
  }
});
