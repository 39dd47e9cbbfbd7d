import { resolve } from 'node:path';
import { STORY_EXPORT_FORMATS, type StoryExportFormat } from '../../core/contract/schemas';
import type { StorySummary } from '../../core/contract/types';
import type { DatabaseHandle } from '../../core/db/open';
import { exportFormatFromName, safeFileName } from '../../core/formats/registry';
import { exportStoryToFile, renderStory } from '../../core/formats/story-files';
import { listStories } from '../../core/stories';
import type { Command } from '../command';
import { EXIT_OK, EXIT_USAGE } from '../command';
import { CliError } from '../errors';
import { printable, type Io } from '../io';
import { openCurrentLibrary } from '../library-file';
import { commandUsage } from '../usage';

/** Prints a usage problem the way main does for bad arguments, and gives exit code 2. */
export function usageProblem(io: Io, command: Command, message: string): number {
  io.err(`beatline: ${printable(message)}\n\n${commandUsage(command)}`);
  return EXIT_USAGE;
}

/** The story `--story` names: its id, else its exact title, else its title in any case. */
export function findStory(db: DatabaseHandle, dbPath: string, ref: string): StorySummary {
  const stories = listStories(db);
  const byId = stories.find((s) => s.id === ref.trim().toLowerCase());
  if (byId) return byId;
  const title = ref.trim();
  const exact = stories.filter((s) => s.title === title);
  const matches = exact.length > 0 ? exact : stories.filter((s) => sameTitle(s.title, title));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new CliError(
      `No story with the id or title ${JSON.stringify(ref)} in ${dbPath} ` +
        '(`beatline list` shows them).',
    );
  }
  const list = matches
    .map(
      (s) =>
        `${s.id} (updated ${s.updatedAt.slice(0, 16).replace('T', ' ')}, ${s.beatCount} beats)`,
    )
    .join('; ');
  throw new CliError(
    `${matches.length} stories are titled ${JSON.stringify(matches[0]!.title)}: give one of their ids ` +
      `with --story: ${list}`,
  );
}

const sameTitle = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * `beatline export --story ID|TITLE [--format F] [--out PATH | -]`: writes a story file or an
 * outline. Files are written atomically (the old file stays until the new one is complete).
 */
export const exportCommand: Command = {
  name: 'export',
  summary:
    'export a story as a story file (.beatline.json) or a Markdown, Word or Fountain outline',
  options: {
    story: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  optionHelp: [
    '  --story REF  the story: its id, or its title (`beatline list` shows both)',
    '  --format F   json (the lossless story file), md, docx or fountain',
    '               (default: from the --out name, else json)',
    '  --out PATH   the file to write (default: the story title plus the format',
    "               extension, in this folder); '-' writes to stdout",
  ],
  async run({ dbPath, flags, io }) {
    const ref = flags.story;
    if (typeof ref !== 'string' || ref.trim() === '') {
      return usageProblem(io, exportCommand, 'export needs --story REF (a story id or title)');
    }
    const out = typeof flags.out === 'string' ? flags.out : undefined;
    if (out === '') return usageProblem(io, exportCommand, '--out needs a file name or -');
    let format: StoryExportFormat;
    if (typeof flags.format === 'string') {
      if (!(STORY_EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
        return usageProblem(
          io,
          exportCommand,
          `unknown format ${JSON.stringify(flags.format)}: use ${STORY_EXPORT_FORMATS.join(', ')}`,
        );
      }
      format = flags.format as StoryExportFormat;
    } else {
      format = (out && out !== '-' ? exportFormatFromName(out) : null) ?? 'json';
    }

    const db = openCurrentLibrary(dbPath);
    try {
      const story = findStory(db, dbPath, ref);
      if (out === '-') {
        const { data } = renderStory(db, story.id, format);
        if (typeof data === 'string') {
          io.out(data);
        } else if (process.stdout.isTTY) {
          throw new CliError(
            'A .docx file is not text: give --out FILE, or redirect stdout to a file.',
          );
        } else {
          process.stdout.write(data);
        }
        return EXIT_OK;
      }
      const path = resolve(out ?? safeFileName(story.title, format));
      const result = await exportStoryToFile(db, story.id, format, path);
      io.out(
        `Exported ${printable(JSON.stringify(story.title))} to ${printable(path)} ` +
          `(${result.eventCount} events, ${result.beatCount} beats).\n`,
      );
      return EXIT_OK;
    } finally {
      db.close();
    }
  },
};
