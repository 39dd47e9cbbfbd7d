import type { Scenario } from '../helpers/scenario';

// Reads the library's health and tries one write, as the window's first calls would.

const scenario: Scenario<{ health: unknown; created: unknown }> = async (app) => ({
  health: await app.call('library:health', {}),
  created: await app.call('stories:create', { title: 'Should not be written' }),
});

export default scenario;
