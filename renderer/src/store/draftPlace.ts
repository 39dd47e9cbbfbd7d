import { eventName } from '../../../electron/core/names';
import { useStore } from '.';
import type { DraftBase } from './saveText';
import { dropDraft, type DraftTarget, type KeptDraft } from './keptDrafts';

/**
 * Where a text was typed, as the notice at the next open names it: ` in the event "Gate" of
 * "Night Watch"` for a beat, ` in "Night Watch"` for an event's field, '' for a story's title
 * (it names itself) or when the open story does not hold the field.
 */
function placeOf(target: DraftTarget): string {
  const model = useStore.getState().timeline;
  if (!model || target.kind === 'storyTitle') return '';
  const story = model.story.title.trim();
  const inStory = story ? ` "${story}"` : ' this story';
  const beat = target.kind === 'beat' || target.kind === 'beatTime';
  const eventId = beat ? model.moments[target.id]?.eventId : target.id;
  const event = eventId === undefined ? undefined : model.events[eventId];
  if (!event) return '';
  return beat ? ` in the event "${eventName(event.title)}" of${inStory}` : ` in${inStory}`;
}

/**
 * A field's unconfirmed text as it is kept when the page closes: with the library it belongs to
 * (offered again only there) and where it was typed.
 */
export function draftToKeep(
  target: DraftTarget,
  text: string,
  base: DraftBase,
  sending: string | null,
): KeptDraft {
  const library = useStore.getState().health?.libraryKey;
  return { target, text, base: { ...base }, sending, library, where: placeOf(target) };
}

/** Forgets the text kept for `target` in the open library, unless it is newer than `text`. */
export function forgetDraft(target: DraftTarget, text: string): void {
  dropDraft(target, text, useStore.getState().health?.libraryKey);
}

/**
 * The one notice holding a text whose field is gone (its beat, event or story deleted, the
 * story left) and that the library did not take: Copy text takes it and forgets its kept copy
 * (the caller keeps it in local storage first: a next open offers it again). The status says
 * "Not saved" while the notice stays.
 */
export function noticeUnsaved(message: string, text: string, target: DraftTarget | null): void {
  useStore.getState().toast(
    'error',
    `Not saved: ${message}`,
    {
      label: 'Copy text',
      run: () => {
        void navigator.clipboard?.writeText(text);
        if (target) forgetDraft(target, text);
      },
    },
    { sticky: true, unsaved: text },
  );
}
