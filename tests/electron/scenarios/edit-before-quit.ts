import type { Scenario } from '../helpers/scenario';

// The last change before quitting (main-bundle.test.ts): a backup, then one more story written
// just before the app quits; the quit backup must hold it.

const scenario: Scenario<{ backupMade: unknown; lastEdit: unknown }> = async (app) => {
  await app.call('stories:create', { title: 'A story from the fake window' });
  const backupMade = await app.call('backups:create', {});
  const lastEdit = await app.call('stories:create', { title: 'Written just before quitting' });
  return { backupMade, lastEdit };
};

export default scenario;
