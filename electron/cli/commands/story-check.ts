import type { StoryProblem } from '../../core/contract/types';
import { checkStoryInLibrary } from '../../core/logic/story-check';
import type { Command } from '../command';
import { EXIT_FAILURE, EXIT_OK } from '../command';
import { printable } from '../io';
import { openCurrentLibrary } from '../library-file';
import { findStory, usageProblem } from './export';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function problemLine(p: StoryProblem): string {
  const mark = p.intentional ? `${p.severity}, intentional` : p.severity;
  return `  [${mark}] ${p.message}`;
}

/**
 * `beatline story-check --story REF [--json]`: the story check (links broken by the order of
 * reading or of story time). Exit 1 when it finds an error not marked intentional.
 */
export const storyCheckCommand: Command = {
  name: 'story-check',
  summary: 'check a story for broken links: effects before causes, payoffs before setups',
  options: { story: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: [
    '  --story REF  the story: its id, or its title (`beatline list` shows both)',
    '  --json       print the report as JSON',
    '  Exits 1 when the story has an error not marked intentional.',
  ],
  run({ dbPath, flags, io }) {
    const ref = flags.story;
    if (typeof ref !== 'string' || ref.trim() === '') {
      return usageProblem(io, storyCheckCommand, 'story-check needs --story REF (an id or title)');
    }
    const db = openCurrentLibrary(dbPath);
    try {
      const story = findStory(db, dbPath, ref);
      const report = db.transaction(() => checkStoryInLibrary(db, story.id)).deferred();
      if (flags.json) {
        io.out(JSON.stringify({ title: story.title, ...report }, null, 2) + '\n');
      } else {
        const counts = [
          plural(report.errors, 'error'),
          plural(report.warnings, 'warning'),
          plural(report.infos, 'note'),
        ].join(', ');
        const marked = report.intentional > 0 ? ` (${report.intentional} marked intentional)` : '';
        io.out(`Story check of ${printable(JSON.stringify(story.title))}: ${counts}${marked}\n`);
        for (const p of report.problems) io.out(`${printable(problemLine(p))}\n`);
      }
      return report.errors > 0 ? EXIT_FAILURE : EXIT_OK;
    } finally {
      db.close();
    }
  },
};
