import { useId, useState } from 'react';
import type { StoryProblem } from '../../../../electron/core/contract/types';
import { useStore } from '../../store';
import { plural } from '../../lib/text';
import { CloseIcon } from '../icons';
import { jumpToBeat, quoteBeatOf } from './beatPlaces';

/** Problems drawn at a time: a story with thousands opens its panel without a pause. */
const PAGE = 100;

const CODE_WORDS: Record<StoryProblem['code'], string> = {
  effect_before_cause: 'Effect before cause',
  precedes_violated: 'Out of order',
  payoff_before_setup: 'Payoff before setup',
  dream_causes_real: 'Dream causes real',
  setup_loop: 'Loop of setups',
};

/**
 * The fix of a loop of setups (h73): removing one of its links, each an ordinary undoable step.
 * No move mends such a loop, and there is nothing to mark intentional.
 */
function RemoveLoopLinks({ problem, sentence }: { problem: StoryProblem; sentence: string }) {
  const remove = useStore((s) => s.deleteLink);
  return (problem.loop ?? []).map((l) => {
    const words = `Remove ${quoteBeatOf(l.fromMomentId)} sets up ${quoteBeatOf(l.toMomentId)}`;
    return (
      <button
        key={l.linkId}
        type="button"
        className="button small"
        aria-describedby={sentence}
        title="Remove this link (undoable)"
        onClick={() => void remove(l.linkId)}
      >
        {words}
      </button>
    );
  });
}

function ProblemItem({ problem }: { problem: StoryProblem }) {
  const markIntentional = useStore((s) => s.markIntentional);
  const [from, to] = problem.momentIds;
  // Each button says which problem it acts on: a screen reader tabbing through the list hears
  // the sentence after "Show first beat", not the same three names over and over.
  const sentence = useId();
  return (
    <li
      className={`check-problem is-${problem.severity} ${problem.intentional ? 'is-intentional' : ''}`}
      data-problem={problem.id}
    >
      <p id={sentence}>
        <strong>{CODE_WORDS[problem.code]}</strong>
        {problem.intentional ? ' (intentional)' : ` (${problem.severity})`}: {problem.message}
      </p>
      <div className="row">
        <button
          type="button"
          className="button small"
          aria-describedby={sentence}
          onClick={() => void jumpToBeat(from)}
        >
          Show first beat
        </button>
        <button
          type="button"
          className="button small"
          aria-describedby={sentence}
          onClick={() => void jumpToBeat(to)}
        >
          Show second beat
        </button>
        {problem.loop ? (
          <RemoveLoopLinks problem={problem} sentence={sentence} />
        ) : (
          <button
            type="button"
            className="button small"
            aria-pressed={problem.intentional}
            aria-describedby={sentence}
            onClick={() => void markIntentional(problem.linkId, !problem.intentional)}
          >
            {problem.intentional ? 'Count it again' : 'Mark intentional'}
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * Every problem of the story (`stories:check`), read in the background: opening it never
 * waits on the library, and typing goes on while it is open. Each problem jumps to its beats
 * and can be marked intentional (an ordinary undoable step); a loop of setups offers to remove
 * one of its links instead.
 */
export function StoryCheckPanel() {
  const open = useStore((s) => s.checkOpen);
  const check = useStore((s) => s.logic?.check ?? null);
  const setOpen = useStore((s) => s.setCheckOpen);
  const [shown, setShown] = useState(PAGE);
  if (!open) return null;
  const left = (check?.problems.length ?? 0) - shown;
  return (
    <aside className="check-panel" aria-labelledby="check-title">
      <header>
        <h2 id="check-title">Story check</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the story check"
          onClick={() => setOpen(false)}
        >
          <CloseIcon size={14} />
        </button>
      </header>
      {check === null ? (
        <p className="muted">Checking…</p>
      ) : (
        <>
          <p className="check-summary" role="status">
            {check.errors + check.warnings === 0
              ? 'No problems.'
              : `${plural(check.errors, 'error')} · ${plural(check.warnings, 'warning')}`}
            {check.intentional > 0 ? ` · ${check.intentional} intentional` : ''}
          </p>
          <ul className="check-problems">
            {check.problems.slice(0, shown).map((p) => (
              <ProblemItem key={p.id} problem={p} />
            ))}
          </ul>
          {left > 0 && (
            <button type="button" className="button small" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, left)} more ({left} not shown)
            </button>
          )}
        </>
      )}
    </aside>
  );
}
