import type { Scenario } from '../helpers/scenario';

// A page that crashes while its window waits for it to save (main-bundle.test.ts): the window
// closes then, without waiting out the time limit.

const scenario: Scenario<null> = (app) => {
  app.onFlushRequest(() => setImmediate(() => app.crashPage()));
  return Promise.resolve(null);
};

export default scenario;
