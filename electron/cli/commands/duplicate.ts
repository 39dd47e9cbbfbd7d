import { fieldProblem, storyTitleSchema } from '../../core/formats/validate';
import { duplicateStory } from '../../core/story-duplicate';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { printable } from '../io';
import { openCurrentLibrary } from '../library-file';
import { findStory, usageProblem } from './export';

/**
 * `beatline duplicate --story ID|TITLE [--title T] [--json]`: copies a story (events, beats,
 * times) as a new story titled "X (copy)", in one transaction, as `stories:duplicate` does.
 */
export const duplicateCommand: Command = {
  name: 'duplicate',
  summary: 'copy a story as a new story titled "X (copy)"',
  options: { story: { type: 'string' }, title: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: [
    '  --story REF  the story: its id, or its title (`beatline list` shows both)',
    '  --title T    the copy\'s title (default: "X (copy)", "X (copy 2)", ...)',
    '  --json       print the new story as JSON',
  ],
  run({ dbPath, flags, io }) {
    const ref = flags.story;
    if (typeof ref !== 'string' || ref.trim() === '') {
      return usageProblem(
        io,
        duplicateCommand,
        'duplicate needs --story REF (a story id or title)',
      );
    }
    const title = typeof flags.title === 'string' ? flags.title : undefined;
    const problem = title === undefined ? null : fieldProblem(storyTitleSchema, title);
    if (problem !== null) return usageProblem(io, duplicateCommand, `--title ${problem}`);

    const db = openCurrentLibrary(dbPath);
    try {
      const source = findStory(db, dbPath, ref);
      const copy = duplicateStory(db, { storyId: source.id, title });
      if (flags.json) {
        io.out(JSON.stringify(copy, null, 2) + '\n');
      } else {
        io.out(
          `Copied ${printable(JSON.stringify(source.title))} as ` +
            `${printable(JSON.stringify(copy.title))} ${copy.id} ` +
            `(${copy.eventCount} events, ${copy.beatCount} beats).\n`,
        );
      }
      return EXIT_OK;
    } finally {
      db.close();
    }
  },
};
