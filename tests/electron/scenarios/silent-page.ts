import type { Scenario } from '../helpers/scenario';

// A page that never answers the flush request (main-bundle.test.ts): the close must not wait
// for it forever.

const scenario: Scenario<null> = (app) => {
  app.onFlushRequest(() => {});
  return Promise.resolve(null);
};

export default scenario;
