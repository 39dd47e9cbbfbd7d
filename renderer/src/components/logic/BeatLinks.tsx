import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { brokenBeats, linksOf } from '../../store/logicSlice';
import type { Store } from '../../store/types';
import { CloseIcon } from '../icons';
import { jumpToBeat, KIND_IN, KIND_OUT, nameBeat } from './beatPlaces';
import { startLinkDraw } from './linkDraw';

/** "causes 2 · caused by 1": the compact form of a beat's links. */
export function badgeText(s: Store, momentId: string): string {
  const { out, in: inbound } = linksOf(s.logic, momentId);
  const parts: string[] = [];
  for (const kind of ['causes', 'sets_up', 'precedes'] as const) {
    const n = out.filter((l) => l.kind === kind).length;
    if (n > 0) parts.push(`${KIND_OUT[kind]} ${n}`);
  }
  for (const kind of ['causes', 'sets_up', 'precedes'] as const) {
    const n = inbound.filter((l) => l.kind === kind).length;
    if (n > 0) parts.push(`${KIND_IN[kind]} ${n}`);
  }
  return parts.join(' · ');
}

/** Whether a beat is linked (either way) to the highlighted one: read from its own links only. */
function linkedToHighlight(s: Store, momentId: string): boolean {
  const beat = s.highlightBeat;
  if (!beat) return false;
  const { out, in: inbound } = linksOf(s.logic, momentId);
  return out.some((l) => l.toMomentId === beat) || inbound.some((l) => l.fromMomentId === beat);
}

/**
 * The classes the logic layer adds to a beat card: highlighted (linked to the beat in focus or
 * under the pointer), the link source or target while a link is drawn, broken (a problem).
 */
export function useBeatLogicClass(momentId: string): string {
  return useStore((s) => {
    const classes: string[] = [];
    if (linkedToHighlight(s, momentId)) classes.push('is-linked');
    if (s.linkDraw?.fromId === momentId) classes.push('is-link-source');
    if (s.linkDraw?.overId === momentId) classes.push('is-link-target');
    const broken = brokenBeats(s).get(momentId);
    if (broken) classes.push('is-broken', `is-broken-${broken}`);
    return classes.join(' ');
  });
}

/** What a broken beat's red or amber edge says, for a screen reader (`BrokenNote`). */
const BROKEN_WORDS = {
  error: 'A hard link of this beat is broken (error): the Story check says how.',
  warning: 'A soft link of this beat is broken (warning): the Story check says how.',
} as const;

/** The id of a beat card's description: its broken link first (when it has one), then the keys. */
export function beatDescribedBy(noteId: string, logicClass: string): string {
  return logicClass.includes('is-broken') ? `${noteId} beat-instructions` : 'beat-instructions';
}

/** The words for a beat's broken link, read as the start of the card's description. */
function BrokenNote({ id, momentId }: { id: string; momentId: string }) {
  const level = useStore((s) => brokenBeats(s).get(momentId));
  return level ? (
    <span id={id} hidden>
      {BROKEN_WORDS[level]}
    </span>
  ) : null;
}

/** The links of a beat: a list of where each linked beat is, to jump to or unlink. */
function LinkList({ momentId, onClose }: { momentId: string; onClose: () => void }) {
  const logic = useStore((s) => s.logic);
  const links = useMemo(() => linksOf(logic, momentId), [logic, momentId]);
  const remove = useStore((s) => s.deleteLink);
  const rows = [
    ...links.out.map((l) => ({ link: l, words: KIND_OUT[l.kind], other: l.toMomentId })),
    ...links.in.map((l) => ({ link: l, words: KIND_IN[l.kind], other: l.fromMomentId })),
  ];
  return (
    <div className="link-popover" role="group" aria-label="Links of this beat" data-no-drag>
      <ul>
        {rows.map(({ link, words, other }) => {
          const where = nameBeat(other);
          return (
            <li key={link.id}>
              <button
                type="button"
                className="link-jump"
                onClick={() => {
                  onClose();
                  void jumpToBeat(other);
                }}
              >
                {words} → {where}
                {link.strength === 'soft' ? ' (soft)' : ''}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove link: ${words} ${where}`}
                title="Remove this link (undoable)"
                onClick={() => void remove(link.id)}
              >
                <CloseIcon size={12} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * A beat's logic: its link badges (a button opening where the linked beats are) and the link
 * handle, which draws a link onto another beat when dragged and opens the "Link…" picker when
 * pressed (Enter, a click, or L on the beat). `noteId`: the id the card's description gives
 * the words of its broken link (`beatDescribedBy`).
 */
export function BeatLinks(props: { momentId: string; number: number; noteId: string }) {
  const { momentId, number, noteId } = props;
  const badges = useStore((s) => badgeText(s, momentId));
  const openPicker = useStore((s) => s.openLinkPicker);
  const [open, setOpen] = useState(false);
  return (
    <div className="beat-links" data-no-drag>
      <BrokenNote id={noteId} momentId={momentId} />
      {badges && (
        <button
          type="button"
          className="link-badges"
          aria-expanded={open}
          aria-label={`Links of beat ${number}: ${badges}`}
          onClick={() => setOpen(!open)}
        >
          {badges}
        </button>
      )}
      <button
        type="button"
        className="link-handle"
        aria-label={`Link beat ${number}…`}
        title="Link… (L). Drag onto another beat to link them"
        onPointerDown={(e) => startLinkDraw(e, momentId)}
        onClick={(e) => {
          if (e.detail === 0 || !e.currentTarget.dataset.drew) openPicker(momentId);
          delete e.currentTarget.dataset.drew;
        }}
      >
        ⤳
      </button>
      {open && badges && <LinkList momentId={momentId} onClose={() => setOpen(false)} />}
    </div>
  );
}
