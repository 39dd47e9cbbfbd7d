import { api } from '../api/bridge';
import { parseOffset } from '../lib/offset';
import { call } from './call';
import { LABEL_STAMP } from './logicSlice';
import { dropDraft, keptDrafts, type DraftTarget, type KeptDraft } from './keptDrafts';
import type { DraftBase, SaveProblem } from './saveText';
import { offsetText } from './timelineText';
import type { Store } from './types';

/**
 * Text kept in local storage when a page closed (`keptDrafts.ts`) is offered again when
 * Beatline next opens: saved when nobody else changed its field meanwhile, or, when the
 * library does not take it (changed in another window, gone, too long), shown in a notice
 * with Copy text until the writer takes it.
 */

type Read = { ok: true; text: string; updatedAt: string } | { ok: false; error: SaveProblem };

/** An event's story-time label now; its "stamp" is the label's (a label has none). */
async function readTimeLabel(eventId: string): Promise<Read> {
  const event = await call(() => api().events.get({ eventId }));
  if (!event.ok) return event;
  const times = await call(() => api().events.chronology({ storyId: event.value.storyId }));
  if (!times.ok) return times;
  const label = times.value.find((t) => t.eventId === eventId)?.label ?? '';
  return { ok: true, text: label, updatedAt: LABEL_STAMP };
}

/** The field's text in the library now. */
async function readTarget(target: DraftTarget): Promise<Read> {
  const { kind, id } = target;
  if (kind === 'beat' || kind === 'beatTime') {
    const r = await call(() => api().moments.get({ momentId: id }));
    if (!r.ok) return r;
    const { description, timestampOffset, updatedAt } = r.value;
    return {
      ok: true,
      text: kind === 'beat' ? description : offsetText(timestampOffset),
      updatedAt,
    };
  }
  if (kind === 'timeLabel') return readTimeLabel(id);
  if (kind === 'storyTitle') {
    const r = await call(() => api().stories.get({ storyId: id }));
    return r.ok ? { ok: true, text: r.value.title, updatedAt: r.value.updatedAt } : r;
  }
  const r = await call(() => api().events.get({ eventId: id }));
  if (!r.ok) return r;
  const text = kind === 'eventTitle' ? r.value.title : r.value.description;
  return { ok: true, text, updatedAt: r.value.updatedAt };
}

/** Saves the kept text over `base`, as its field would have. */
function saveTarget(s: Store, d: KeptDraft, base: DraftBase): Promise<SaveProblem | null> {
  const { kind, id } = d.target;
  if (kind === 'beat') return s.saveMomentText(id, d.text, base);
  if (kind === 'beatTime') {
    const time = parseOffset(d.text);
    if (!time.ok) return Promise.resolve({ code: 'invalid_input', message: time.message });
    return s.setMomentOffset(id, time.seconds, base);
  }
  if (kind === 'timeLabel') return s.saveStoryTimeLabel(id, d.text, base);
  if (kind === 'storyTitle') return s.saveStoryTitle(id, d.text, base);
  const patch = kind === 'eventTitle' ? { title: d.text } : { description: d.text };
  return s.saveEventText(id, patch, base);
}

const FIELD_NAMES: Record<DraftTarget['kind'], string> = {
  beat: 'a beat',
  beatTime: "a beat's time",
  eventTitle: "an event's title",
  eventDescription: "an event's description",
  timeLabel: "an event's story time",
  storyTitle: 'a story title',
};

function gist(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** The notice holding a kept text the library did not take, until the writer copies it. */
function offer(s: Store, d: KeptDraft, what: string, problem: SaveProblem): void {
  const reason =
    problem.code === 'conflict'
      ? 'it was changed in another window since.'
      : problem.code === 'not_found'
        ? 'it was deleted.'
        : problem.message;
  s.toast(
    'error',
    `Not saved, from before Beatline closed: ${what}: ${reason}`,
    {
      label: 'Copy text',
      run: () => {
        void navigator.clipboard?.writeText(d.text);
        dropDraft(d.target, d.text, d.library);
      },
    },
    { sticky: true, unsaved: d.text },
  );
}

/** True when the library holds exactly the kept text now (then it is dropped, quietly). */
async function heldAlready(d: KeptDraft): Promise<boolean> {
  const now = await readTarget(d.target);
  if (!now.ok || now.text !== d.text) return false;
  dropDraft(d.target, d.text, d.library);
  return true;
}

/** Offers one kept text; a read that fails for another reason than a gone row keeps it. */
async function restoreOne(s: Store, d: KeptDraft): Promise<void> {
  const now = await readTarget(d.target);
  if (!now.ok && now.error.code !== 'not_found') return;
  if (now.ok && now.text === d.text) {
    dropDraft(d.target, d.text, d.library);
    return;
  }
  // Nobody else changed the field (it holds what the typing started from, or this page's own
  // last save): the text goes over it as it is now. Otherwise the save says why not.
  const ours = now.ok && (now.text === d.base.text || now.text === d.sending);
  const problem: SaveProblem | null = now.ok
    ? await saveTarget(s, d, ours ? { text: now.text, stamp: now.updatedAt } : { ...d.base })
    : now.error;
  const what = `${FIELD_NAMES[d.target.kind]} ("${gist(d.text)}")${d.where ?? ''}`;
  if (!problem) {
    dropDraft(d.target, d.text, d.library);
    s.toast('info', `Saved what you typed in ${what} before Beatline closed.`);
    return;
  }
  // Another tab opened at the same moment saved this very text first: nothing to say (h77).
  if (problem.code === 'conflict' && (await heldAlready(d))) return;
  offer(s, d, what, problem);
}

/** The open library's `libraryKey`, or null when the host cannot say. */
async function openLibraryKey(get: () => Store): Promise<string | null> {
  const known = get().health?.libraryKey;
  if (known) return known;
  const health = await call(() => api().library.health({}));
  return health.ok ? health.value.libraryKey : null;
}

/**
 * Offers every text kept in this library again, one after another; returns once each was tried.
 * Texts kept in another library (Beatline opened on another file) wait for it.
 */
export async function restoreKeptDrafts(get: () => Store): Promise<void> {
  const library = await openLibraryKey(get);
  if (library === null) return;
  for (const draft of keptDrafts(library)) await restoreOne(get(), draft);
}
