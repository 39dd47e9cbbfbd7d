import type { Result } from '../../../electron/core/contract/types';
import type { AutosaveField, DraftBase } from '../hooks/useAutosaveText';
import { api } from '../api/bridge';
import { useStore } from '../store';
import { call } from '../store/call';
import { FieldProblemNote } from './FieldProblem';

/** Reads what the field holds in the library now: the other writer's text and its stamp. */
export type ReadTheirs = () => Promise<Result<DraftBase>>;

/** Reads an event's title or description as the library holds it now. */
export const readEventText =
  (eventId: string, field: 'title' | 'description'): ReadTheirs =>
  async () => {
    const got = await call(() => api().events.get({ eventId }));
    return got.ok
      ? { ok: true, value: { text: got.value[field], stamp: got.value.updatedAt } }
      : got;
  };

/** Reads a story's title as the library holds it now. */
export const readStoryTitle =
  (storyId: string): ReadTheirs =>
  async () => {
    const got = await call(() => api().stories.get({ storyId }));
    return got.ok
      ? { ok: true, value: { text: got.value.title, stamp: got.value.updatedAt } }
      : got;
  };

interface Props {
  field: AutosaveField;
  /** The field's name in messages: "title", "description". */
  name: string;
  readTheirs: ReadTheirs;
  /**
   * After a conflict: `join` keeps both texts in the field (theirs, a blank line, the writer's);
   * `choose` offers "Use mine" / "Use theirs", copying the other one to the clipboard.
   */
  conflict: 'join' | 'choose';
}

/** Theirs and mine in one text, theirs first, a blank line between (either alone if the other is empty). */
export function joinTexts(theirs: string, mine: string): string {
  if (!theirs.trim()) return mine;
  if (!mine.trim()) return theirs;
  return `${theirs}\n\n${mine}`;
}

/**
 * Copies the text that was not kept and says so, naming it, in a message that stays until
 * dismissed (a clipboard that refuses still leaves the text on screen, with a button to retry).
 */
async function copyAndSay(kept: string, other: string): Promise<void> {
  let copied = true;
  try {
    await navigator.clipboard.writeText(other);
  } catch {
    copied = false;
  }
  useStore
    .getState()
    .toast(
      'info',
      `${kept}; “${other}” is ${copied ? 'copied to the clipboard' : 'not copied (the clipboard refused): copy it from here'}.`,
      { label: 'Copy again', run: () => void navigator.clipboard?.writeText(other) },
      { sticky: true },
    );
}

/**
 * The note under an event's or the story's text field when the library did not take its text
 * (FieldProblemNote), with the ways out of a conflict that lose neither writer's text.
 */
export function TextFieldProblem({ field, name, readTheirs, conflict }: Props) {
  if (!field.problem) return null;

  /** The other writer's text now, or null (said in a message) when it cannot be read. */
  const theirs = async (): Promise<DraftBase | null> => {
    const got = await readTheirs();
    if (got.ok) return got.value;
    useStore.getState().toast('error', `Not saved: ${got.error.message}`);
    return null;
  };

  const keepBoth = async () => {
    const now = await theirs();
    if (now) await field.saveOver(joinTexts(now.text, field.text), now);
  };

  const keepMine = async () => {
    const now = await theirs();
    if (!now) return;
    const saved = await field.retry();
    if (saved && now.text !== field.text) {
      await copyAndSay(`Kept your ${name} (Undo brings theirs back)`, now.text);
    }
  };

  const keepTheirs = async () => {
    const mine = field.text;
    const now = await theirs();
    if (!now) return;
    // Theirs on screen at once, from the read, not when the change notice reaches the store.
    field.discard(now);
    await copyAndSay(`Kept their ${name}`, mine);
  };

  return (
    <FieldProblemNote
      problem={field.problem}
      text={field.text}
      onRetry={() =>
        void (conflict === 'choose' && field.problem?.overwrite ? keepMine() : field.retry())
      }
      onKeepBoth={conflict === 'join' ? () => void keepBoth() : undefined}
      onUseTheirs={conflict === 'choose' ? () => void keepTheirs() : undefined}
    />
  );
}
