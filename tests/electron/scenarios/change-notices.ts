import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Scenario } from '../helpers/scenario';

// Change notices to the window (main-bundle.test.ts): the window's own write is not notified
// back to it; a second connection's commit is, within a second.

interface Findings {
  ownWrite: unknown;
  afterOwnWrite: number;
  afterOtherWrite: number;
  latencyMs: number | null;
  notice: unknown;
}

const scenario: Scenario<Findings> = async (app) => {
  const noticesSent = () => app.sent().filter((s) => s.channel === 'beatline:change');
  await app.sleep(400); // anything the start sent (wrongly) is not counted below
  const before = noticesSent().length;
  const ownWrite = await app.call('stories:create', { title: 'Written in this window' });
  await app.sleep(600);
  const afterOwnWrite = noticesSent().length - before;

  const other = new Database(join(app.userData, 'beatline.db'));
  other.exec("UPDATE stories SET title = title || ' (edited elsewhere)'");
  const committedAt = app.now();
  other.close();
  const seen = before + afterOwnWrite;
  for (let waited = 0; waited < 5_000 && noticesSent().length === seen; waited += 20) {
    await app.sleep(20);
  }
  const first = noticesSent()[seen];
  return {
    ownWrite,
    afterOwnWrite,
    afterOtherWrite: noticesSent().length - seen,
    latencyMs: first ? first.at - committedAt : null,
    notice: first?.args[0] ?? null,
  };
};

export default scenario;
