import { useEffect, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { KeyboardEvent } from 'react';
import type { LinkKind, LinkStrength } from '../../../../electron/core/contract/types';
import { describeBeat } from '../../../../electron/core/logic/check';
import { api } from '../../api/bridge';
import { call } from '../../store/call';
import { useStore } from '../../store';
import { Modal } from '../Dialogs';
import { nameBeat } from './beatPlaces';

interface Choice {
  id: string;
  /** "'text' (Event, beat 3)" */
  name: string;
  /** Lower-case text and event title, what the search matches. */
  haystack: string;
}

/** Most beats the picker reads whole from the library; beyond, it offers the loaded ones. */
const READ_ALL_MAX = 20_000;

/** The loaded beats of the timeline, for a story too long to read whole. */
function loadedChoices(fromId: string): Choice[] {
  const timeline = useStore.getState().timeline;
  if (!timeline) return [];
  return timeline.eventOrder.flatMap((eventId, e) => {
    const title = timeline.events[eventId]?.title ?? '';
    return (timeline.momentIds[eventId] ?? []).flatMap((id, i) => {
      const m = id ? timeline.moments[id] : undefined;
      if (!id || !m || id === fromId) return [];
      const name = describeBeat(m.description, title, e, i);
      return [{ id, name, haystack: `${m.description}\n${title}`.toLowerCase() }];
    });
  });
}

/** True when the open story has more beats than the picker reads whole. */
function tooLong(): boolean {
  const timeline = useStore.getState().timeline;
  if (!timeline) return true;
  const total = timeline.eventOrder.reduce((n, e) => n + (timeline.momentIds[e]?.length ?? 0), 0);
  return total > READ_ALL_MAX;
}

/** Every beat of the open story that could be linked to, read once when the picker opens. */
function useChoices(fromId: string): Choice[] | null {
  const [choices, setChoices] = useState<Choice[] | null>(() =>
    tooLong() ? loadedChoices(fromId) : null,
  );
  useEffect(() => {
    const storyId = useStore.getState().timeline?.story.id;
    if (!storyId || tooLong()) return;
    let live = true;
    void call(() => api().stories.load({ storyId })).then((r) => {
      if (!live) return;
      if (!r.ok) return setChoices(loadedChoices(fromId));
      setChoices(
        r.value.events.flatMap((event, e) =>
          event.moments
            .map((m, i) => ({
              id: m.id,
              name: describeBeat(m.description, event.title, e, i),
              haystack: `${m.description}\n${event.title}`.toLowerCase(),
            }))
            .filter((c) => c.id !== fromId),
        ),
      );
    });
    return () => {
      live = false;
    };
  }, [fromId]);
  return choices;
}

const KINDS: [LinkKind, string][] = [
  ['causes', 'causes'],
  ['sets_up', 'sets up'],
  ['precedes', 'precedes'],
];

/** The "Link…" command: a searchable list of the story's beats, a kind and a strength. */
function Picker({ fromId }: { fromId: string }) {
  const close = () => useStore.getState().openLinkPicker(null);
  const createLink = useStore((s) => s.createLink);
  const choices = useChoices(fromId);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<LinkKind>('causes');
  const [strength, setStrength] = useState<LinkStrength>('hard');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (choices ?? []).filter((c) => q === '' || c.haystack.includes(q)).slice(0, 50);
  }, [choices, query]);
  const current = shown[Math.min(active, shown.length - 1)];

  const choose = (toId: string) => {
    close();
    useStore.getState().requestFocus('beat', fromId);
    void createLink({ fromMomentId: fromId, toMomentId: toId, kind, strength });
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(shown.length - 1, a + step)));
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      choose(current.id);
    }
  };

  return (
    <Modal labelledBy="link-picker-title" onClose={close} className="link-picker">
      <h2 id="link-picker-title">Link {nameBeat(fromId)}</h2>
      <div className="link-picker-options">
        <label>
          This beat
          <select
            value={kind}
            aria-label="Kind of link"
            onChange={(e) => setKind(e.target.value as LinkKind)}
          >
            {KINDS.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strength
          <select
            value={strength}
            aria-label="Strength of link"
            onChange={(e) => setStrength(e.target.value as LinkStrength)}
          >
            <option value="hard">hard (an error when broken)</option>
            <option value="soft">soft (a warning)</option>
          </select>
        </label>
      </div>
      <input
        type="search"
        className="link-search"
        data-autofocus
        placeholder="Type to find a beat by its text or event"
        aria-label="Find a beat to link to"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onSearchKey}
      />
      <ul id={listId} className="link-choices" role="listbox" aria-label="Beats">
        {choices === null && <li className="muted">Reading the story’s beats…</li>}
        {choices !== null && shown.length === 0 && <li className="muted">No beat matches.</li>}
        {shown.map((c) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={c === current}
            className={c === current ? 'is-active' : undefined}
            onClick={() => choose(c.id)}
          >
            {c.name}
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!current}
          onClick={() => current && choose(current.id)}
        >
          Link
        </button>
      </div>
    </Modal>
  );
}

/**
 * The picker of the beat the "Link…" command was given for, when one is open. Drawn outside
 * the story view: its search field keeps the browser's own text undo (App.tsx).
 */
export function LinkPicker() {
  const fromId = useStore((s) => s.linkPickerFor);
  return fromId ? createPortal(<Picker key={fromId} fromId={fromId} />, document.body) : null;
}
