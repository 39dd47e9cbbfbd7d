import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemInfo, Scenario } from '../helpers/scenario';

// The shell's paths beyond the happy one (issue 15), played from the window: every menu command
// reaches the page; exports that cannot be written; imports of files that cannot be read or are
// refused (named in the message); an import in a worker that the writer can undo; a handler
// whose promise rejects.

interface Findings {
  menu: { items: MenuItemInfo[]; scripts: string[] };
  created: unknown;
  exportToMissingFolder: unknown;
  exportDialogFailed: unknown;
  importMissingFile: unknown;
  importFolder: unknown;
  importRefused: unknown;
  imported: unknown;
  progress: number[];
  historyAfterImport: unknown;
  undone: unknown;
  listedAfterUndo: unknown;
}

const scenario: Scenario<Findings> = async (app) => {
  // Every item with a click handler, clicked.
  const items = app.menuItems();
  for (const item of items) if (item.clickable && item.label) app.clickMenuItem(item.label);
  const menu = { items, scripts: app.executedScripts() };

  const created = (await app.call('stories:create', { title: 'Lighthouse' })) as {
    value: { id: string };
  };
  const storyId = created.value.id;
  const files = join(app.userData, 'files');
  mkdirSync(files, { recursive: true });

  app.answerSave(join(files, 'no-such-folder', 'Lighthouse.md'));
  const exportToMissingFolder = await app.call('files:saveExport', { storyId, format: 'md' });
  app.answerSave({ reject: 'the save dialog crashed' });
  const exportDialogFailed = await app.call('files:saveExport', { storyId, format: 'md' });

  app.answerOpen(join(files, 'gone.beatline.json'));
  const importMissingFile = await app.call('files:openImport', {});
  mkdirSync(join(files, 'a folder.md'));
  app.answerOpen(join(files, 'a folder.md'));
  const importFolder = await app.call('files:openImport', {});
  writeFileSync(join(files, 'not a story.beatline.json'), '{"format":"something else"}');
  app.answerOpen(join(files, 'not a story.beatline.json'));
  const importRefused = await app.call('files:openImport', {});

  const beats = Array.from({ length: 3_000 }, (_, i) => `${i + 1}. Beat ${i + 1}`).join('\n');
  writeFileSync(join(files, 'harbour.md'), `# Harbour\n\n## Arrival\n\n${beats}\n`);
  app.answerOpen(join(files, 'harbour.md'));
  const imported = await app.call('files:openImport', {});
  const progress = app
    .sent()
    .filter((s) => s.channel === 'beatline:import-progress')
    .map((s) => s.args[0] as number);
  const historyAfterImport = await app.call('history:state', { storyId: null });
  const undone = await app.call('history:undo', { storyId: null });
  const listedAfterUndo = await app.call('stories:list', {});

  return {
    menu,
    created,
    exportToMissingFolder,
    exportDialogFailed,
    importMissingFile,
    importFolder,
    importRefused,
    imported,
    progress,
    historyAfterImport,
    undone,
    listedAfterUndo,
  };
};

export default scenario;
