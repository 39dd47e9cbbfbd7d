// Story files version 2 (logic layer): story time and links travel in `.beatline.json`, the
// published schema says what the importer accepts, and version 1 files still import.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/core/contract/schemas';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { readGolden, type EditableJson } from '../formats/helpers';

const schemaPath = (v: number) =>
  resolve(import.meta.dirname, '..', '..', 'docs', 'schema', `beatline-story.v${v}.schema.json`);
const v2 = JSON.parse(readFileSync(schemaPath(2), 'utf8')) as EditableJson;
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const validate = ajv.compile(v2);

/** A story with a flashback told second, labels, and one link of each kind. */
function seedLogic(d: Dispatcher) {
  const { story, events } = seedStory(d, {
    Today: ['She flinches at the dog', 'She walks on'],
    Childhood: ['The dog bites her'],
    Tonight: ['She adopts a dog'],
  });
  const beat = (e: number, m: number) => events[e]!.moments[m]!.id;
  must(
    d.call('events:moveInChronology', {
      eventId: events[1]!.event.id,
      beforeEventId: events[0]!.event.id,
    }),
  );
  must(
    d.call('events:setStoryTime', {
      eventId: events[1]!.event.id,
      label: '1987',
      mode: 'flashback',
    }),
  );
  must(
    d.call('links:create', {
      fromMomentId: beat(1, 0),
      toMomentId: beat(0, 0),
      kind: 'causes',
      strength: 'hard',
      note: 'the scar',
    }),
  );
  must(
    d.call('links:create', {
      fromMomentId: beat(0, 0),
      toMomentId: beat(2, 0),
      kind: 'sets_up',
      strength: 'soft',
    }),
  );
  const late = must(
    d.call('links:create', {
      fromMomentId: beat(2, 0),
      toMomentId: beat(0, 1),
      kind: 'precedes',
      strength: 'hard',
    }),
  );
  must(d.call('links:update', { linkId: late.id, intentional: true }));
  return story;
}

/** What a story's logic looks like, by beat text and event title (ids differ after import). */
function logicOf(d: Dispatcher, storyId: string) {
  const timeline = must(d.call('stories:load', { storyId }));
  const text = new Map(timeline.events.flatMap((e) => e.moments.map((m) => [m.id, m.description])));
  const title = new Map(timeline.events.map((e) => [e.id, e.title]));
  return {
    chronology: must(d.call('events:chronology', { storyId })).map((t) => [
      title.get(t.eventId),
      t.label,
      t.mode,
    ]),
    links: must(d.call('links:list', { storyId })).map((l) => [
      text.get(l.fromMomentId),
      l.kind,
      text.get(l.toMomentId),
      l.strength,
      l.note,
      l.intentional,
    ]),
    check: must(d.call('stories:check', { storyId })).problems.map((p) => p.message),
  };
}

/** Problems of how fields fit together, which the JSON Schema cannot say. */
const ACROSS_FIELDS = new Set([
  'a beat not in the file',
  'a self link',
  'a duplicate',
  'a loop',
  'two events at one place',
  'a missing storyTime',
  'a link to an id two beats have',
]);

describe('story files, version 2', () => {
  it('carry story time, links and intentional marks through export and import', async () => {
    const { dispatcher: d } = await tempLibrary();
    const story = seedLogic(d);
    const file = must(d.call('stories:export', { storyId: story.id, format: 'json' }));
    const json = JSON.parse(file.content) as EditableJson;
    expect(json.version).toBe(2);
    expect(json.story.events[1].storyTime).toEqual({ order: 0, label: '1987', mode: 'flashback' });
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const copy = must(d.call('stories:import', { format: 'json', content: file.content }));
    expect(logicOf(d, copy.id)).toEqual(logicOf(d, story.id));
    expect(logicOf(d, copy.id).links).toHaveLength(3);
  });

  it('come with a story duplicated in the library, whose Undo and Redo are exact', async () => {
    // h64: stories:duplicate read the logic into its document and dropped it: the copy had
    // every event linear in reading order, no label, no link and no intentional mark.
    const { dispatcher: d } = await tempLibrary();
    const story = seedLogic(d);
    const copy = must(d.call('stories:duplicate', { storyId: story.id }));
    const logic = logicOf(d, story.id);
    expect(logicOf(d, copy.id)).toEqual(logic);
    must(d.call('history:undo', { storyId: null }));
    expect(must(d.call('stories:list', {})).map((s) => s.id)).not.toContain(copy.id);
    must(d.call('history:redo', { storyId: null }));
    expect(logicOf(d, copy.id)).toEqual(logic);
  });

  it('are written as version 1, as before, for a story without links or story time', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { A: ['a1'], B: ['b1'] });
    const file = must(d.call('stories:export', { storyId: story.id, format: 'json' }));
    expect(JSON.parse(file.content)).toMatchObject({ version: 1 });
    expect(file.content).not.toMatch(/storyTime|links/);
  });

  it('import version 1 files with story time in reading order', async () => {
    const { dispatcher: d } = await tempLibrary();
    const imported = must(
      d.call('stories:import', { format: 'json', content: readGolden('lighthouse.beatline.json') }),
    );
    const events = must(d.call('events:list', { storyId: imported.id }));
    const chronology = must(d.call('events:chronology', { storyId: imported.id }));
    expect(chronology.map((t) => t.eventId)).toEqual(events.map((e) => e.id));
    expect(chronology.every((t) => t.mode === 'linear' && t.label === '')).toBe(true);
  });

  it('refuse bad links and story time with the path of the problem, importing nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = seedLogic(d);
    const good = JSON.parse(
      must(d.call('stories:export', { storyId: story.id, format: 'json' })).content,
    ) as EditableJson;
    const beatId = (e: number, m: number) => good.story.events[e].moments[m].id as string;
    const cases: Array<[string, (f: EditableJson) => void, string | RegExp]> = [
      [
        'an unknown kind',
        (f) => (f.story.links[0].kind = 'foreshadows'),
        'story.links[0].kind: must be causes, sets_up or precedes',
      ],
      [
        'a beat not in the file',
        (f) => (f.story.links[0].to = '01900000-0000-7000-8000-000000000abc'),
        /^story\.links\[0\]\.to: no beat in this file has the id/,
      ],
      [
        'a self link',
        (f) => (f.story.links[0].to = f.story.links[0].from),
        'story.links[0].to: a beat cannot be linked to itself.',
      ],
      [
        'a duplicate',
        (f) => f.story.links.push({ ...f.story.links[0] }),
        'story.links[3].kind: these beats already have a causes link.',
      ],
      [
        'a loop',
        (f) =>
          f.story.links.push({
            from: beatId(0, 0),
            to: beatId(1, 0),
            kind: 'precedes',
            strength: 'soft',
          }),
        /^story\.links\[\d\]: the causes and precedes links make a loop/,
      ],
      [
        'two events at one place',
        (f) => (f.story.events[0].storyTime.order = 0),
        /^story\.events\[\d\]\.storyTime\.order: must be a place from 0 to 2/,
      ],
      [
        'a missing storyTime',
        (f) => delete f.story.events[2].storyTime,
        /^story\.events\[2\]\.storyTime: is missing/,
      ],
      [
        'an unknown mode',
        (f) => (f.story.events[0].storyTime.mode = 'memory'),
        /^story\.events\[0\]\.storyTime\.mode: must be linear/,
      ],
      [
        'a long label',
        (f) => (f.story.events[0].storyTime.label = 'x'.repeat(LIMITS.timeLabel + 1)),
        /^story\.events\[0\]\.storyTime\.label: must be at most 200/,
      ],
      [
        'a link to an id two beats have',
        // h78: the link went to the last beat with the id, silently (a beat block copied).
        (f) => {
          const moments = f.story.events[0].moments;
          moments.push({ ...f.story.events[1].moments[0], sequence_index: moments.length });
        },
        'story.links[0].from: two beats in this file have the id ' +
          `${beatId(1, 0)} (story.events[0].moments[2] and story.events[1].moments[0]), so ` +
          'the link could mean either: give each beat its own id.',
      ],
      [
        'an unknown link field',
        (f) => (f.story.links[0].weight = 3),
        /^story\.links\[0\]\.weight: unknown field/,
      ],
    ];
    for (const [what, edit, message] of cases) {
      const f = structuredClone(good);
      edit(f);
      // The JSON Schema checks each field; the importer also checks how they fit together.
      if (!ACROSS_FIELDS.has(what)) expect(validate(f), what).toBe(false);
      const before = dumpDatabase(lib.db);
      const result = d.call('stories:import', { format: 'json', content: JSON.stringify(f) });
      expect(result.ok, what).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        if (typeof message === 'string') expect(result.error.message, what).toBe(message);
        else expect(result.error.message, what).toMatch(message);
      }
      expect(dumpDatabase(lib.db), what).toBe(before);
    }
  });

  it('import two beats with one id when no link names it (a beat copied in an editor)', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = seedLogic(d);
    const f = JSON.parse(
      must(d.call('stories:export', { storyId: story.id, format: 'json' })).content,
    ) as EditableJson;
    const copied = { id: '01900000-0000-7000-8000-00000000c0de', beat_description: 'A copy' };
    f.story.events[2].moments.push(
      { ...copied, sequence_index: 1 },
      { ...copied, sequence_index: 2 },
    );
    const imported = must(d.call('stories:import', { format: 'json', content: JSON.stringify(f) }));
    expect(imported.beatCount).toBe(6);
    expect(logicOf(d, imported.id).links).toEqual(logicOf(d, story.id).links);
  });

  it('keep a loop of sets_up links, which the story check then reports (h73)', async () => {
    // h71 refused such a file; but a library made before h71 may hold such a loop and export
    // it, so its file must import again. Story-time loops are still refused (above).
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const story = seedLogic(d);
    const good = JSON.parse(
      must(d.call('stories:export', { storyId: story.id, format: 'json' })).content,
    ) as EditableJson;
    const beatId = (e: number, m: number) => good.story.events[e].moments[m].id as string;
    const f = structuredClone(good);
    f.story.links.push({ from: beatId(2, 0), to: beatId(0, 0), kind: 'sets_up', strength: 'hard' });
    expect(validate(f)).toBe(true);
    const copy = must(d.call('stories:import', { format: 'json', content: JSON.stringify(f) }));
    const links = must(d.call('links:list', { storyId: copy.id }));
    expect(links).toHaveLength(good.story.links.length + 1);
    const { problems } = must(d.call('stories:check', { storyId: copy.id }));
    expect(problems.filter((p) => p.code === 'setup_loop')).toHaveLength(1);
  });
});
