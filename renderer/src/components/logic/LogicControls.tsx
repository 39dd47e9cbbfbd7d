import { useEffect } from 'react';
import '../../styles/logic.css';
import { chronoIndexOf } from '../../lib/logicPreview';
import { useStore } from '../../store';
import { plural } from '../../lib/text';
import { CheckListIcon, ClockIcon, ReadingIcon } from '../icons';
import { DragWarning } from './DragWarning';
import { LinkPicker } from './LinkPicker';
import { StoryCheckPanel } from './StoryCheckPanel';
import { Positions } from './Positions';

/**
 * The view switch's choices: each button is named by its words, and shows them in full, short
 * (a narrower window) or as an icon with a tooltip (the narrowest; story-view.css).
 */
const VIEWS = [
  {
    value: 'reading',
    words: 'Reading order',
    short: 'Reading',
    icon: <ReadingIcon size={15} />,
    tip: 'Show the events in reading order',
  },
  {
    value: 'chronology',
    words: 'Chronology',
    short: 'Chronology',
    icon: <ClockIcon size={15} />,
    tip: 'Show the events in story time (chronology)',
  },
] as const;

/** The story bar's logic controls: Reading order | Chronology, and the Story check toggle. */
export function LogicControls() {
  const view = useStore((s) => s.logicView);
  const setView = useStore((s) => s.setLogicView);
  const checkOpen = useStore((s) => s.checkOpen);
  const setCheckOpen = useStore((s) => s.setCheckOpen);
  const counts = useStore((s) => {
    const c = s.logic?.check;
    return c ? c.errors + c.warnings : 0;
  });
  const severe = useStore((s) => (s.logic?.check?.errors ?? 0) > 0);
  const problems = counts === 0 ? 'no problems' : plural(counts, 'problem');
  return (
    <>
      <div className="view-switch" role="radiogroup" aria-label="Order shown">
        {VIEWS.map((v) => (
          <button
            key={v.value}
            type="button"
            role="radio"
            aria-checked={view === v.value}
            aria-label={v.words}
            title={v.tip}
            className={view === v.value ? 'is-on' : undefined}
            onClick={() => setView(v.value)}
          >
            {v.icon}
            <span className="words-long">{v.words}</span>
            <span className="words-short">{v.short}</span>
          </button>
        ))}
      </div>
      <button
        type="button"
        className={`button ghost check-toggle ${counts > 0 ? (severe ? 'has-errors' : 'has-warnings') : ''}`}
        aria-pressed={checkOpen}
        aria-label={`Story check, ${problems}`}
        title="List the problems of the story's links"
        onClick={() => setCheckOpen(!checkOpen)}
      >
        <CheckListIcon size={15} />
        <span className="words-long">Story check</span>
        <span className="words-short">Check</span>
        {counts > 0 && <span className="check-count">{counts}</span>}
      </button>
    </>
  );
}

const beatOf = (el: EventTarget | null) =>
  el instanceof HTMLElement
    ? (el.closest<HTMLElement>('[data-beat-id]')?.dataset.beatId ?? null)
    : null;

/**
 * What the logic layer adds around the board: reads the story's links, story time and check
 * when it opens, follows the beat in focus or under the pointer (its links are highlighted),
 * and draws the link picker, the Story check panel and the drag warning.
 */
export function LogicLayer({ storyId }: { storyId: string }) {
  const reloadLogic = useStore((s) => s.reloadLogic);
  useEffect(() => {
    useStore.setState({ logic: null, highlightBeat: null, linkPickerFor: null });
    void reloadLogic();
  }, [storyId, reloadLogic]);

  useEffect(() => {
    const set = (id: string | null) => useStore.getState().setHighlightBeat(id);
    const onFocus = (e: FocusEvent) => set(beatOf(e.target));
    const onOver = (e: PointerEvent) => {
      const over = beatOf(e.target);
      if (over) set(over);
      else if (!beatOf(document.activeElement)) set(null);
      else set(beatOf(document.activeElement));
    };
    document.addEventListener('focusin', onFocus);
    document.addEventListener('pointerover', onOver);
    return () => {
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('pointerover', onOver);
    };
  }, []);

  return (
    <>
      <StoryCheckPanel />
      <DragWarning />
      <LinkPicker />
    </>
  );
}

/** "R 5 · C 2": an event's place in reading order and in story time, with its time label and mode. */
export function EventPositions({ eventId, index }: { eventId: string; index: number }) {
  const time = useStore((s) => s.logic?.times[eventId]);
  // The event's place in story time, counted from the chronology's sort keys.
  const chronoPosition = useStore((s) =>
    s.timeline && s.logic ? chronoIndexOf(s.timeline, s.logic.times, eventId) : -1,
  );
  if (!time || chronoPosition < 0) return null;
  const { mode, label } = time;
  const extra = [mode === 'linear' ? '' : mode, label].filter(Boolean).join(' · ');
  return (
    <div className="event-time">
      <Positions mode={mode} reading={index} chrono={chronoPosition} />
      {extra && <span className="event-time-label">{extra}</span>}
    </div>
  );
}
