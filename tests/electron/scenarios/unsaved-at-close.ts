import type { Scenario } from '../helpers/scenario';

// A page holding text the library refused when its window closes (main-bundle.test.ts): the
// window asks, as the browser host's page does. The writer first keeps the window open, then
// (the quit that ends the run) closes anyway.

export interface UnsavedAtCloseFindings {
  askedAfterFirstClose: number;
  openAfterStaying: boolean;
}

const scenario: Scenario<UnsavedAtCloseFindings> = async (app) => {
  app.onFlushRequest((reply) => setImmediate(() => reply('window', true)));
  app.answerMessage(0); // Keep the window open
  app.answerMessage(1); // Close anyway
  app.closeWindow();
  for (let i = 0; i < 500 && app.messageBoxes() < 1; i += 1) await app.sleep(10);
  // The answer is handled after the box closes: give it a few turns of the event loop.
  await app.sleep(50);
  return { askedAfterFirstClose: app.messageBoxes(), openAfterStaying: !app.isWindowClosed() };
};

export default scenario;
