import type { Row, RowChange } from './capture';

/** How a recorded channel names its step, and which later calls may merge into it. */
export interface StepName {
  /** For the Undo/Redo buttons: "edit beat 'She climbs the…'". */
  label: string;
  /** Calls with the same key may merge into the step while typing (record.ts); null: never. */
  mergeKey: string | null;
  /** The history the step joins when the call chose it (a story id); else found from its rows. */
  scope?: string;
}

const QUOTE_CHARS = 24;

/** ` 'first words…'` of a text (24 characters at most), or '' for an empty text. */
export function quote(text: unknown): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  if (s === '') return '';
  return ` '${s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS).trimEnd()}…` : s}'`;
}

/** The captured change of one row (by table and key), or of the table's first row. */
function changeOf(changes: readonly RowChange[], table: string, id?: unknown) {
  return changes.find((c) => c.table === table && (id === undefined || c.key === id));
}

/** The row a channel inserted (the first insert into the table: the root of what it made). */
const insertedRow = (changes: readonly RowChange[], table: string): Row =>
  changes.find((c) => c.table === table && c.kind === 'insert')?.after ?? {};

const beforeOrAfter = (c: RowChange | undefined): Row => c?.before ?? c?.after ?? {};

const fieldsKey = (input: Record<string, unknown>, fields: readonly string[]) =>
  fields.filter((f) => input[f] !== undefined).join(',');

type Namer = (input: Record<string, unknown>, changes: readonly RowChange[]) => StepName;

const beat = (changes: readonly RowChange[], id: unknown) =>
  beforeOrAfter(changeOf(changes, 'event_moments', id));
const event = (changes: readonly RowChange[], id: unknown) =>
  beforeOrAfter(changeOf(changes, 'events', id));
const story = (changes: readonly RowChange[]) => beforeOrAfter(changeOf(changes, 'stories'));
const plain = (label: string): StepName => ({ label, mergeKey: null });

/** The name of each recorded channel's steps. */
export const STEP_NAMES: Record<string, Namer> = {
  'stories:create': (_i, c) => plain(`create story${quote(insertedRow(c, 'stories').title)}`),
  'stories:update': (i, c) => ({
    label: `rename story${quote(story(c).title)}`,
    mergeKey: `story:${String(i.storyId)}:title`,
    ...(i.history === 'story' && { scope: String(i.storyId) }),
  }),
  'stories:delete': (_i, c) => plain(`delete story${quote(story(c).title)}`),
  'stories:import': (_i, c) => plain(`import story${quote(insertedRow(c, 'stories').title)}`),
  'stories:duplicate': (_i, c) => plain(`duplicate story${quote(insertedRow(c, 'stories').title)}`),
  'events:create': (_i, c) => plain(`add event${quote(insertedRow(c, 'events').title)}`),
  'events:update': (i, c) => ({
    label: `${i.description === undefined ? 'rename' : 'edit'} event${quote(event(c, i.eventId).title)}`,
    mergeKey: `event:${String(i.eventId)}:${fieldsKey(i, ['title', 'description'])}`,
  }),
  'events:move': (i, c) => plain(`move event${quote(event(c, i.eventId).title)}`),
  'events:delete': (i, c) => plain(`delete event${quote(event(c, i.eventId).title)}`),
  'moments:create': (_i, c) =>
    plain(`add beat${quote(insertedRow(c, 'event_moments').beat_description)}`),
  'moments:update': (i, c) => {
    const text = quote(beat(c, i.momentId).beat_description);
    const verb = i.description === undefined ? 'set time of' : 'edit';
    const mergeKey = `beat:${String(i.momentId)}:${fieldsKey(i, ['description', 'timestampOffset'])}`;
    return { label: `${verb} beat${text}`, mergeKey };
  },
  'links:create': () => plain('link beats'),
  'links:update': (i) =>
    plain(
      i.intentional === undefined
        ? 'edit link'
        : i.intentional
          ? 'mark link intentional'
          : 'unmark link',
    ),
  'links:delete': () => plain('remove link'),
  'events:setStoryTime': (i, c) => ({
    label: `set story time of${quote(event(c, i.eventId).title)}`,
    // The label typed in the Chronology merges like other typing; a mode change never does.
    mergeKey: i.mode === undefined ? `event:${String(i.eventId)}:time_label` : null,
  }),
  'events:moveInChronology': (i, c) =>
    plain(`move event${quote(event(c, i.eventId).title)} in story time`),
  'moments:move': (i, c) => plain(`move beat${quote(beat(c, i.momentId).beat_description)}`),
  'moments:delete': (i, c) => plain(`delete beat${quote(beat(c, i.momentId).beat_description)}`),
  // Bulk (issue 17, h44): one step for the whole request.
  'moments:createMany': (i) => {
    const n = Array.isArray(i.moments) ? i.moments.length : 0;
    return plain(`add ${n} ${n === 1 ? 'beat' : 'beats'}`);
  },
};
