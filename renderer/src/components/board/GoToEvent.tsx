import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { Modal } from '../Dialogs';
import { useBoardNav } from './boardNav';
import { goToEvent } from './navigate';
import { eventName } from '../../../../electron/core/names';

interface Choice {
  id: string;
  number: number;
  title: string;
}

/** The events whose number or title matches `typed` (every event when it is empty). */
function matching(choices: Choice[], typed: string): Choice[] {
  const q = typed.trim().toLowerCase();
  if (!q) return choices;
  return choices.filter((c) => String(c.number) === q || c.title.toLowerCase().includes(q));
}

/** The story's events in reading order, numbered and titled (re-read when a title changes). */
function useEventChoices(): Choice[] {
  const choices = useStore(
    useShallow((s) =>
      (s.timeline?.eventOrder ?? []).map(
        (id) => `${id}\u0000${s.timeline?.events[id]?.title ?? ''}`,
      ),
    ),
  );
  return useMemo(
    () =>
      choices.map((packed, i) => {
        const [id, title] = packed.split('\u0000') as [string, string];
        return { id, number: i + 1, title: eventName(title) };
      }),
    [choices],
  );
}

/** The search field and the events it matches: arrows and Page keys move, Enter goes. */
function GoToList({ onChoose }: { onChoose: (id: string) => void }) {
  const all = useEventChoices();
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => matching(all, typed), [all, typed]);
  const at = Math.min(active, shown.length - 1);
  const activeId = shown[at]?.id;
  useEffect(() => {
    if (activeId) document.getElementById(`goto-${activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(shown.length - 1, at + move)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const choice = shown[at];
      if (choice) onChoose(choice.id);
    }
  };

  return (
    <>
      <input
        className="goto-input"
        data-own-undo
        data-autofocus
        role="combobox"
        aria-expanded="true"
        aria-controls="goto-list"
        aria-activedescendant={shown[at] ? `goto-${shown[at].id}` : undefined}
        aria-label="Event number or title"
        placeholder="Type a number or part of a title…"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="goto-list" className="goto-list" role="listbox" aria-label="Events">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`goto-${c.id}`}
            role="option"
            aria-selected={i === at}
            className={i === at ? 'is-active' : undefined}
            onMouseMove={() => setActive(i)}
            onClick={() => onChoose(c.id)}
          >
            <span className="goto-number">{c.number}</span>
            <span className="goto-title">{c.title}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="goto-none">No event matches.</p>}
    </>
  );
}

/** "Go to event" (Ctrl/Cmd+G): a searchable list of the story's events. */
export function GoToEventDialog() {
  const open = useBoardNav((s) => s.goToOpen);
  const close = () => useBoardNav.getState().setGoToOpen(false);
  if (!open) return null;
  return (
    <Modal labelledBy="goto-title" onClose={close} className="goto-dialog">
      <h2 id="goto-title">Go to event</h2>
      <GoToList
        onChoose={(id) => {
          close();
          // After the dialog has given the focus back, so the event's handle can take it.
          requestAnimationFrame(() => goToEvent(id));
        }}
      />
    </Modal>
  );
}
