import { useEffect, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { KeyboardEvent } from 'react';
import type {
  BeatSearchHit,
  LinkKind,
  LinkStrength,
} from '../../../../electron/core/contract/types';
import { describeBeat, quoteBeat } from '../../../../electron/core/logic/check';
import { eventName } from '../../../../electron/core/names';
import { api } from '../../api/bridge';
import { call } from '../../store/call';
import { useStore } from '../../store';
import { Modal } from '../Dialogs';
import { nameBeat } from './beatPlaces';

interface Choice {
  id: string;
  /** "'text' (Event, beat 3)" */
  name: string;
}

/** Beats the picker lists at a time: typing more narrows the search. */
const SHOWN = 50;
/** How long typing pauses before the story is searched. */
const SEARCH_DELAY_MS = 120;

/** The first loaded beats of the timeline, what the picker offers before anything is typed. */
function loadedChoices(fromId: string): Choice[] {
  const timeline = useStore.getState().timeline;
  const choices: Choice[] = [];
  if (!timeline) return choices;
  for (const eventId of timeline.eventOrder) {
    const title = timeline.events[eventId]?.title ?? '';
    for (const [i, id] of (timeline.momentIds[eventId] ?? []).entries()) {
      const m = id ? timeline.moments[id] : undefined;
      if (!id || !m || id === fromId) continue;
      choices.push({ id, name: describeBeat(m.description, title, i) });
      if (choices.length === SHOWN) return choices;
    }
  }
  return choices;
}

/** A search hit named as the check names beats (its place when loaded, else its event). */
function hitChoice(hit: BeatSearchHit): Choice {
  const timeline = useStore.getState().timeline;
  const title = timeline?.events[hit.eventId]?.title ?? '';
  const m = timeline?.moments[hit.momentId];
  const i = timeline?.momentIds[hit.eventId]?.indexOf(hit.momentId) ?? -1;
  if (m && i >= 0) return { id: hit.momentId, name: describeBeat(m.description, title, i) };
  return { id: hit.momentId, name: `${quoteBeat(hit.snippet)} (${eventName(title)})` };
}

interface Found {
  choices: Choice[];
  /** Matches beyond those listed. */
  more: number;
}

/**
 * The beats `query` finds in the open story, searched in the library (`moments:search`) as the
 * writer types, each word in the beat's text or its event's title ("door storm": the beat about
 * a door in the Storm scene): nothing but the hits is read, whatever the story's length. Null while a search
 * is under way; the loaded beats at the start of the story when nothing is typed.
 */
function useFound(fromId: string, query: string): Found | null {
  const q = query.trim();
  const [found, setFound] = useState<{ q: string; found: Found } | null>(null);
  useEffect(() => {
    const storyId = useStore.getState().timeline?.story.id;
    if (q === '' || !storyId) return;
    let live = true;
    const timer = setTimeout(() => {
      const search = { storyId, query: q, limit: SHOWN + 1, eventTitles: true };
      void call(() => api().moments.search(search)).then((r) => {
        if (!live) return;
        const hits = r.ok ? r.value.hits.filter((h) => h.momentId !== fromId) : [];
        const total = r.ok ? r.value.total - (hits.length < r.value.hits.length ? 1 : 0) : 0;
        const choices = hits.slice(0, SHOWN).map(hitChoice);
        setFound({ q, found: { choices, more: Math.max(0, total - choices.length) } });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [fromId, q]);
  const loaded = useMemo(() => (q === '' ? loadedChoices(fromId) : null), [fromId, q]);
  if (loaded) return { choices: loaded, more: 0 };
  return found?.q === q ? found.found : null;
}

const KINDS: [LinkKind, string][] = [
  ['causes', 'causes'],
  ['sets_up', 'sets up'],
  ['precedes', 'precedes'],
];

interface OptionsProps {
  kind: LinkKind;
  strength: LinkStrength;
  onKind: (kind: LinkKind) => void;
  onStrength: (strength: LinkStrength) => void;
}

/** The new link's kind and strength. */
function LinkOptions({ kind, strength, onKind, onStrength }: OptionsProps) {
  return (
    <div className="link-picker-options">
      <label>
        This beat
        <select
          value={kind}
          aria-label="Kind of link"
          onChange={(e) => onKind(e.target.value as LinkKind)}
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
          onChange={(e) => onStrength(e.target.value as LinkStrength)}
        >
          <option value="hard">hard (an error when broken)</option>
          <option value="soft">soft (a warning)</option>
        </select>
      </label>
    </div>
  );
}

interface SearchProps {
  listId: string;
  /** The active beat's id, for the combobox's active descendant. */
  activeId: string | undefined;
  query: string;
  onQuery: (query: string) => void;
  /** Arrow keys: the active beat moves one down (1) or up (-1). */
  onStep: (step: 1 | -1) => void;
  onChoose: (toId: string) => void;
}

/** The search field: a combobox over the found beats (arrows move, Enter links the active one). */
function BeatSearch({ listId, activeId, query, onQuery, onStep, onChoose }: SearchProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      onStep(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && activeId) {
      e.preventDefault();
      onChoose(activeId);
    }
  };
  return (
    <input
      type="search"
      className="link-search"
      data-own-undo
      data-autofocus
      placeholder="Type to find a beat by its text or its event's title"
      aria-label="Find a beat to link to"
      role="combobox"
      aria-expanded="true"
      aria-controls={listId}
      aria-activedescendant={activeId ? `${listId}-${activeId}` : undefined}
      value={query}
      onChange={(e) => onQuery(e.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}

interface ChoicesProps {
  listId: string;
  /** The beats found for the query (null: still searching). */
  found: Found | null;
  query: string;
  current: Choice | undefined;
  onChoose: (toId: string) => void;
}

/** The beats found to link to, the active one marked, and how many more match. */
function BeatChoices({ listId, found, query, current, onChoose }: ChoicesProps) {
  const shown = found?.choices ?? [];
  return (
    <ul id={listId} className="link-choices" role="listbox" aria-label="Beats">
      {found === null && <li className="muted">Searching…</li>}
      {found !== null && shown.length === 0 && (
        <li className="muted">{query.trim() ? 'No beat matches.' : 'Type to find a beat.'}</li>
      )}
      {shown.map((c) => (
        <li
          key={c.id}
          id={`${listId}-${c.id}`}
          role="option"
          aria-selected={c === current}
          className={c === current ? 'is-active' : undefined}
          onClick={() => onChoose(c.id)}
        >
          {c.name}
        </li>
      ))}
      {found !== null && found.more > 0 && (
        <li className="muted">
          {found.more} more {found.more === 1 ? 'beat matches' : 'beats match'}: type more to narrow
          the list.
        </li>
      )}
    </ul>
  );
}

/** The "Link…" command: a searchable list of the story's beats, a kind and a strength. */
function Picker({ fromId }: { fromId: string }) {
  const close = () => useStore.getState().openLinkPicker(null);
  const createLink = useStore((s) => s.createLink);
  const [query, setQuery] = useState('');
  const found = useFound(fromId, query);
  const [kind, setKind] = useState<LinkKind>('causes');
  const [strength, setStrength] = useState<LinkStrength>('hard');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = found?.choices ?? [];
  const current = shown[Math.min(active, shown.length - 1)];

  const choose = (toId: string) => {
    close();
    useStore.getState().requestFocus('beat', fromId);
    void createLink({ fromMomentId: fromId, toMomentId: toId, kind, strength });
  };

  return (
    <Modal labelledBy="link-picker-title" onClose={close} className="link-picker">
      <h2 id="link-picker-title">Link {nameBeat(fromId)}</h2>
      <LinkOptions kind={kind} strength={strength} onKind={setKind} onStrength={setStrength} />
      <BeatSearch
        listId={listId}
        activeId={current?.id}
        query={query}
        onQuery={(q) => {
          setQuery(q);
          setActive(0);
        }}
        onStep={(step) => setActive((a) => Math.max(0, Math.min(shown.length - 1, a + step)))}
        onChoose={choose}
      />
      <BeatChoices
        listId={listId}
        found={found}
        query={query}
        current={current}
        onChoose={choose}
      />
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
