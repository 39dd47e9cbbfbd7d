import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { STORY_IMPORT_FORMATS, type StoryImportFormat } from '../../core/contract/schemas';
import { exportFormatFromName, importFormatFromName } from '../../core/formats/registry';
import { importStoryFromFile } from '../../core/formats/story-files';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { CliError } from '../errors';
import { printable } from '../io';
import { openCurrentLibrary } from '../library-file';
import { usageProblem } from './export';

/**
 * `beatline import PATH [--format json|md]`: reads and validates the whole file, then adds it
 * as a new story in one transaction. A bad file changes nothing and names its first problem.
 */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a story file (.beatline.json) or a Markdown outline (.md) as a new story',
  options: { format: { type: 'string' }, json: { type: 'boolean' } },
  operands: ['PATH'],
  optionHelp: [
    '  PATH         a story file (.beatline.json) or a Markdown outline (.md)',
    '  --format F   json or md (default: from the file name)',
    '  --json       print the new story as JSON',
  ],
  async run({ dbPath, flags, operands, io }) {
    const path = resolve(operands[0] ?? '');
    let format: StoryImportFormat | undefined;
    if (typeof flags.format === 'string') {
      if (!(STORY_IMPORT_FORMATS as readonly string[]).includes(flags.format)) {
        return usageProblem(
          io,
          importCommand,
          `unknown format ${JSON.stringify(flags.format)}: use ${STORY_IMPORT_FORMATS.join(' or ')}`,
        );
      }
      format = flags.format as StoryImportFormat;
    } else if (!importFormatFromName(path)) {
      const outline = exportFormatFromName(path);
      if (outline) {
        throw new CliError(
          `${basename(path)} is a ${outline === 'docx' ? 'Word' : 'Fountain'} outline: Beatline ` +
            'exports those but imports story files (.beatline.json) and Markdown outlines (.md).',
        );
      }
      return usageProblem(
        io,
        importCommand,
        `cannot tell the format of ${basename(path)} from its name: give --format json or md`,
      );
    }
    try {
      if (!statSync(path).isFile()) throw new CliError(`${path} is not a file.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CliError(`No file at ${path}.`);
      }
      throw error;
    }

    const db = openCurrentLibrary(dbPath);
    let story;
    try {
      story = await importStoryFromFile(db, path, format);
    } finally {
      db.close();
    }
    if (flags.json) {
      io.out(JSON.stringify(story, null, 2) + '\n');
    } else {
      io.out(
        `Imported ${printable(JSON.stringify(story.title))} as ${story.id} ` +
          `(${story.eventCount} events, ${story.beatCount} beats).\n`,
      );
    }
    return EXIT_OK;
  },
};
