import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { STORY_IMPORT_FORMATS, type StoryImportFormat } from '../../core/contract/schemas';
import {
  exportFormatFromName,
  hasExtension,
  importFormatFromName,
} from '../../core/formats/registry';
import { DOCX_IMPORT_MESSAGE } from '../../core/formats/import-format';
import { runImportJob } from '../../core/formats/import-job';
import type { Command } from '../command';
import { EXIT_OK } from '../command';
import { CliError } from '../errors';
import { printable } from '../io';
import { openCurrentLibrary } from '../library-file';
import { usageProblem } from './export';
import { DomainError } from '../../core/errors';

/**
 * `beatline import PATH [--format json|md|fountain] [--copy]`: reads and validates the whole
 * file, then adds it as a new story in one transaction. A bad file changes nothing and names its
 * first problem; so does a title already in the library, unless `--copy` adds "X (copy)".
 */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a story file (.beatline.json) or an outline (.md, .fountain) as a new story',
  options: { format: { type: 'string' }, json: { type: 'boolean' }, copy: { type: 'boolean' } },
  operands: ['PATH'],
  optionHelp: [
    '  PATH         a story file (.beatline.json) or a Markdown (.md) or Fountain outline',
    '  --format F   json, md or fountain (default: from the file name and its content)',
    '  --copy       when a story has the same title, add this one as "Title (copy)"',
    '               (without it, a taken title is refused and nothing changes)',
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
    } else if (!importFormatFromName(path) && hasExtension(path)) {
      if (exportFormatFromName(path) === 'docx') {
        throw new CliError(`${basename(path)}: ${DOCX_IMPORT_MESSAGE}`);
      }
      return usageProblem(
        io,
        importCommand,
        `cannot tell the format of ${basename(path)} from its name: give --format json, md or ` +
          'fountain',
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
      // One undoable library step, as in the app: Undo there removes the imported story.
      story = await runImportJob(db, {
        path,
        format,
        ifTitleExists: flags.copy ? 'copy' : 'refuse',
      });
    } catch (error) {
      if (error instanceof DomainError && error.reason === 'title_taken') {
        // The library's refusal, with the way to add the file anyway.
        throw new CliError(
          `${error.message.replace(/\.$/, '')}; give --copy to add this one as a copy.`,
        );
      }
      throw error;
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
