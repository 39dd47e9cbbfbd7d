import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../helpers/scenario';

// Story files through the native dialogs (main-bundle.test.ts): export through the save dialog,
// a cancelled save, import of that file through the open dialog, a cancelled open, bad input,
// and an import asked for by a subframe (refused).

interface Findings {
  saved: unknown;
  savedFileExists: boolean;
  cancelledSave: unknown;
  imported: unknown;
  cancelledOpen: unknown;
  badInput: unknown;
  refused: unknown;
}

const scenario: Scenario<Findings> = async (app) => {
  const created = (await app.call('stories:create', { title: 'A story from the fake window' })) as {
    value: { id: string };
  };
  const storyId = created.value.id;
  const exportPath = join(app.userData, 'exports', 'story.beatline.json');
  mkdirSync(join(app.userData, 'exports'), { recursive: true });
  app.answerSave(exportPath);
  const saved = await app.call('files:saveExport', { storyId, format: 'json' });
  const savedFileExists = existsSync(exportPath);
  const cancelledSave = await app.call('files:saveExport', { storyId, format: 'md' });
  app.answerOpen(exportPath);
  const imported = await app.call('files:openImport', {});
  const cancelledOpen = await app.call('files:openImport', {});
  const badInput = await app.call('files:saveExport', { storyId: 'x' });
  const refused = await app.call('files:openImport', {}, 'subframe');
  return { saved, savedFileExists, cancelledSave, imported, cancelledOpen, badInput, refused };
};

export default scenario;
