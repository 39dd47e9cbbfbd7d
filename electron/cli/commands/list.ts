import type { StorySummary } from '../../core/contract/types';
import { listStories } from '../../core/stories';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { printable } from '../io';
import { openCurrentLibrary } from '../library-file';
import { renderTable } from '../table';

/** `beatline list`: the stories in the library with their event and beat counts. */
export const listCommand: Command = {
  name: 'list',
  summary: 'list the stories with their event and beat counts',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the stories as a JSON array'],
  run({ dbPath, flags, io }) {
    const db = openCurrentLibrary(dbPath);
    let stories: StorySummary[];
    try {
      stories = listStories(db);
    } finally {
      db.close();
    }
    if (flags.json) {
      io.out(JSON.stringify(stories, null, 2) + '\n');
      return EXIT_OK;
    }
    if (stories.length === 0) {
      io.out(`No stories in ${printable(dbPath)}.\n`);
      return EXIT_OK;
    }
    io.out(
      renderTable(stories, [
        { header: 'TITLE', value: (s) => s.title, maxWidth: 48 },
        { header: 'EVENTS', value: (s) => String(s.eventCount), align: 'right' },
        { header: 'BEATS', value: (s) => String(s.beatCount), align: 'right' },
        { header: 'UPDATED', value: (s) => s.updatedAt.slice(0, 16).replace('T', ' ') },
        { header: 'ID', value: (s) => s.id },
      ]),
    );
    const n = stories.length;
    io.out(`${n} ${n === 1 ? 'story' : 'stories'} in ${printable(dbPath)}\n`);
    return EXIT_OK;
  },
};
