import { LIMITS } from '../contract/limits';
import { TIME_MODES, type TimeMode } from '../contract/types';
import type { StoryLogicDocument } from './json-logic';
import { escapeInline, readInline } from './markdown-inline';
import { StoryFileError } from './model';

/**
 * Story time in the Markdown outline: a line right under an event's heading,
 * `Story time: 2 of 5 · flashback · "Years before"`: the event's place in the chronology (1 is
 * the earliest; "of 5" is for the reader), its mode when not linear, and its label in quotes
 * when it has one. Written on every event when any event's story time differs from the plain
 * one (chronology = reading order, no label, linear); not at all otherwise.
 */

const PREFIX = 'Story time:';
const MODES = TIME_MODES.filter((m) => m !== 'linear').join('|');
const LINE = new RegExp(
  `^${PREFIX} (\\d{1,9})(?: of \\d{1,9})?(?: · (linear|${MODES}))?(?: · "(.*)")?$`,
  's',
);

type Time = StoryLogicDocument['times'][number];

/** True when a story's times say nothing: the chronology is reading order, no label, linear. */
function plainTimes(times: readonly Time[]): boolean {
  return times.every((t, i) => t.order === i && t.label === '' && t.mode === 'linear');
}

/** The story-time line of each event (by reading place), or none when the times are plain. */
export function storyTimeLines(times: readonly Time[] | undefined): string[] | null {
  if (!times || plainTimes(times)) return null;
  return times.map((t) => {
    let line = `${PREFIX} ${t.order + 1} of ${times.length}`;
    if (t.mode !== 'linear') line += ` · ${t.mode}`;
    if (t.label !== '') line += ` · "${escapeInline(t.label)}"`;
    return line;
  });
}

/** A description line that would read as story time, escaped so that it stays text. */
export function escapeStoryTimeLike(line: string): string {
  return line.startsWith(PREFIX) ? `Story time\\:${line.slice(PREFIX.length)}` : line;
}

/** A story-time line as written in a file (`line` its number), or null when `raw` is not one. */
export function readStoryTimeLine(raw: string, line: number): (Time & { line: number }) | null {
  const m = LINE.exec(raw);
  if (!m) return null;
  const label = readInline(m[3] ?? '').trim();
  if (label.length > LIMITS.timeLabel) {
    throw new StoryFileError(
      `line ${line}: story time label: must be at most ${LIMITS.timeLabel} characters`,
    );
  }
  return { order: Number(m[1]) - 1, mode: (m[2] ?? 'linear') as TimeMode, label, line };
}

/**
 * The times of an outline's events from their story-time lines (null: none has one). When one
 * event has a line every event needs one, and each place from 1 to the number of events is
 * taken once; a refusal names the line.
 */
export function resolveStoryTimes(
  events: ReadonlyArray<{ line: number; time: (Time & { line: number }) | null }>,
): Time[] | null {
  if (events.every((e) => e.time === null)) return null;
  const missing = events.find((e) => e.time === null);
  if (missing) {
    throw new StoryFileError(
      `line ${missing.line}: this event has no "Story time: N" line; when one event has one, ` +
        'every event needs one.',
    );
  }
  const taken = new Set<number>();
  return events.map(({ time }) => {
    const { order, mode, label, line } = time!;
    if (order < 0 || order >= events.length || taken.has(order)) {
      throw new StoryFileError(
        `line ${line}: story time must be a place from 1 to ${events.length} that no other ` +
          'event has.',
      );
    }
    taken.add(order);
    return { order, mode, label };
  });
}
