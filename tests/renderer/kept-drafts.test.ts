// Text kept in local storage when a page closed (renderer/src/store/keptDrafts.ts) and offered
// at the next open (restoreDrafts.ts), on a real library through the store (issue 12, h72).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../electron/core/library';
import type { Moment } from '../../electron/core/contract/types';
import type { KeptDraft } from '../../renderer/src/store/keptDrafts';
import type { Store } from '../../renderer/src/store/types';
import { must } from '../helpers/library';
import { storeOnLibrary } from './store-on-library';

let lib: Library;
let store: { getState(): Store };
let storage: Map<string, string>;

beforeEach(async () => {
  storage = new Map();
  ({ lib, store } = await storeOnLibrary());
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A story with one beat holding `text`. */
function beatHolding(text: string): Moment {
  const story = must(lib.dispatcher.call('stories:create', { title: 'Tide' }));
  const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'Ebb' }));
  return must(lib.dispatcher.call('moments:create', { eventId: event.id, description: text }));
}

const textOf = (momentId: string) =>
  must(lib.dispatcher.call('moments:get', { momentId })).description;

async function modules() {
  const kept = await import('../../renderer/src/store/keptDrafts');
  const { restoreKeptDrafts } = await import('../../renderer/src/store/restoreDrafts');
  return { ...kept, restore: () => restoreKeptDrafts(() => store.getState()) };
}

/** The beat's text as typed, over the beat as it was (`sending`: also sent, unanswered). */
function draftOf(beat: Moment, text: string, sending: string | null = null): KeptDraft {
  return {
    target: { kind: 'beat', id: beat.id },
    text,
    base: { text: beat.description, stamp: beat.updatedAt },
    sending,
  };
}

describe('kept drafts, offered at the next open', () => {
  it('a text the library already holds (the page-close send landed) is dropped without a word', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const beat = beatHolding('Original');
    keepDraft(draftOf(beat, 'Original, mine'));
    must(
      lib.dispatcher.call('moments:update', {
        momentId: beat.id,
        description: 'Original, mine',
        expectedUpdatedAt: beat.updatedAt,
      }),
    );
    await restore();
    expect(keptDrafts()).toEqual([]);
    expect(store.getState().toasts).toEqual([]);
    expect(textOf(beat.id)).toBe('Original, mine');
  });

  it('a text whose field nobody else changed is saved (also over its own unanswered save)', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const beat = beatHolding('Original');
    keepDraft(draftOf(beat, 'Original, mine'));
    await restore();
    expect(textOf(beat.id)).toBe('Original, mine');
    expect(keptDrafts()).toEqual([]);
    expect(store.getState().toasts.map((t) => t.kind)).toEqual(['info']);

    // This page's save of 'Original, m' landed; the close send over the old stamp did not.
    const other = beatHolding('Second');
    must(lib.dispatcher.call('moments:update', { momentId: other.id, description: 'Second, m' }));
    keepDraft(draftOf(other, 'Second, mine', 'Second, m'));
    await restore();
    expect(textOf(other.id)).toBe('Second, mine');
    expect(keptDrafts()).toEqual([]);
  });

  it('a field another writer changed meanwhile keeps theirs, and offers the text until it is copied', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const beat = beatHolding('Original');
    keepDraft(draftOf(beat, 'Original, mine'));
    must(lib.dispatcher.call('moments:update', { momentId: beat.id, description: 'Theirs' }));
    await restore();
    expect(textOf(beat.id)).toBe('Theirs');
    const [notice] = store.getState().toasts;
    expect(notice).toMatchObject({ kind: 'error', sticky: true, unsaved: 'Original, mine' });
    expect(notice?.message).toMatch(/changed in another window/);
    expect(keptDrafts()).toHaveLength(1);

    // Still kept at the next open, until the writer copies it.
    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.resolve() } });
    notice?.action?.run();
    expect(keptDrafts()).toEqual([]);
  });

  it('a deleted beat, or a text over the limit, is offered and stays kept', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const gone = beatHolding('Gone');
    must(lib.dispatcher.call('moments:delete', { momentId: gone.id }));
    keepDraft(draftOf(gone, 'Gone, mine'));
    const long = beatHolding('Short');
    keepDraft(draftOf(long, 'z'.repeat(20_001)));
    await restore();
    const messages = store.getState().toasts.map((t) => t.message);
    expect(messages).toEqual([
      expect.stringMatching(/"Gone, mine"\): it was deleted\./) as string,
      expect.stringMatching(/"zzzz.*at most 20000 characters/) as string,
    ]);
    expect(keptDrafts()).toHaveLength(2);
    expect(textOf(long.id)).toBe('Short');
  });

  it("a beat's time and an event's story time kept are saved when nobody changed them; a kept time that is not one is offered", async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const beat = beatHolding('Dawn');
    const event = beat.eventId;
    keepDraft({
      target: { kind: 'beatTime', id: beat.id },
      text: '1:05',
      base: { text: '', stamp: beat.updatedAt },
      sending: null,
    });
    keepDraft({
      target: { kind: 'timeLabel', id: event },
      text: 'Day 3, dawn',
      base: { text: '', stamp: 'label' },
      sending: null,
    });
    const other = beatHolding('Dusk');
    keepDraft({
      target: { kind: 'beatTime', id: other.id },
      text: 'soon',
      base: { text: '', stamp: other.updatedAt },
      sending: null,
    });
    await restore();
    expect(must(lib.dispatcher.call('moments:get', { momentId: beat.id })).timestampOffset).toBe(
      65,
    );
    const story = must(lib.dispatcher.call('events:get', { eventId: event })).storyId;
    const times = must(lib.dispatcher.call('events:chronology', { storyId: story }));
    expect(times.find((t) => t.eventId === event)?.label).toBe('Day 3, dawn');
    expect(keptDrafts().map((d) => d.text)).toEqual(['soon']);
    expect(store.getState().toasts.map((t) => t.message)).toEqual([
      expect.stringMatching(/beat's time \("1:05"\)/) as string,
      expect.stringMatching(/story time \("Day 3, dawn"\)/) as string,
      expect.stringMatching(
        /Not saved, from before Beatline closed: a beat's time \("soon"\): .*not a time/,
      ) as string,
    ]);
    expect(must(lib.dispatcher.call('moments:get', { momentId: other.id })).timestampOffset).toBe(
      null,
    );
  });

  it('a text kept in another library waits for it; the notice says where the text was typed', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const { draftToKeep } = await import('../../renderer/src/store/draftPlace');
    const there = beatHolding('There');
    keepDraft({ ...draftOf(there, 'Elsewhere'), library: 'another library' });
    await restore();
    expect(store.getState().toasts).toEqual([]);
    expect(keptDrafts().map((d) => d.text)).toEqual(['Elsewhere']);
    expect(textOf(there.id)).toBe('There');
    const beat = beatHolding('Original');

    // Kept from the open story, in this library: named by its event and story.
    const storyId = must(lib.dispatcher.call('events:get', { eventId: beat.eventId })).storyId;
    await store.getState().checkHealth();
    store.getState().openStory(storyId);
    await vi.waitFor(() => expect(store.getState().timeline?.moments[beat.id]).toBeDefined());
    const kept = draftToKeep(
      { kind: 'beat', id: beat.id },
      'Mine',
      { text: 'x', stamp: 'x' },
      null,
    );
    expect(kept).toMatchObject({ where: ' in the event "Ebb" of "Tide"' });
    expect(kept.library).toMatch(/^[0-9a-f]{16}$/);
    keepDraft(kept);
    await restore();
    expect(keptDrafts().map((d) => d.text)).toEqual(['Elsewhere', 'Mine']);
    expect(store.getState().toasts.map((t) => t.message)).toEqual([
      expect.stringMatching(
        /a beat \("Mine"\) in the event "Ebb" of "Tide": it was changed in another window/,
      ) as string,
    ]);
  });

  it('two libraries with the same story ids keep a text each for one field; an old entry without a library is still read', async () => {
    const { keepDraft, keptDrafts, restore } = await modules();
    const beat = beatHolding('Original');
    await store.getState().checkHealth();
    const library = store.getState().health!.libraryKey;
    // A copy of this library file opened as another --db: the same beat ids, another key.
    keepDraft({ ...draftOf(beat, 'Typed in the copy'), library: 'copy of the library' });
    keepDraft({ ...draftOf(beat, 'Typed here'), library });
    expect(keptDrafts().map((d) => d.text)).toEqual(['Typed in the copy', 'Typed here']);
    expect(keptDrafts('copy of the library').map((d) => d.text)).toEqual(['Typed in the copy']);
    // Saved here, the text kept for the copy stays for it.
    await restore();
    expect(textOf(beat.id)).toBe('Typed here');
    expect(keptDrafts().map((d) => d.text)).toEqual(['Typed in the copy']);

    // Kept by a Beatline before texts were stored by library: under `kind:id`, no library.
    const old = beatHolding('Old');
    storage.set(
      'beatline.keptDrafts',
      JSON.stringify({ [`beat:${old.id}`]: draftOf(old, 'Old, mine') }),
    );
    expect(keptDrafts(library).map((d) => d.text)).toEqual(['Old, mine']);
    await restore();
    expect(textOf(old.id)).toBe('Old, mine');
    expect(keptDrafts()).toEqual([]);
  });

  it('a kept text of a kind this Beatline does not know is neither offered nor saved as another field', async () => {
    const { keptDrafts, restore } = await modules();
    const beat = beatHolding('Original');
    const stored = {
      target: { kind: 'eventSubtitle', id: beat.eventId },
      text: 'x',
      base: { text: '', stamp: '' },
      sending: null,
    };
    storage.set(
      'beatline.keptDrafts',
      JSON.stringify({ [`eventSubtitle:${beat.eventId}`]: stored }),
    );
    expect(keptDrafts()).toEqual([]);
    await restore();
    expect(store.getState().toasts).toEqual([]);
    expect(must(lib.dispatcher.call('events:get', { eventId: beat.eventId })).description).toBe('');
  });

  it('dropDraft leaves a newer text of the same field', async () => {
    const { dropDraft, keepDraft, keptDrafts } = await modules();
    const beat = beatHolding('Original');
    keepDraft(draftOf(beat, 'newer'));
    dropDraft({ kind: 'beat', id: beat.id }, 'older');
    expect(keptDrafts().map((d) => d.text)).toEqual(['newer']);
    dropDraft({ kind: 'beat', id: beat.id });
    expect(keptDrafts()).toEqual([]);
  });
});
