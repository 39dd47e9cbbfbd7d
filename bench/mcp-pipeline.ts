// The memory of `beatline mcp` under a client that pipelines many large requests (issue 17,
// h69): a library of 2,000 stories with 200-character titles (a list_stories answer of about
// 0.8 MB), then 1,500 list_stories calls written to its stdin at once, read back as they come.
// Prints the server's resident memory before the calls and its peak (VmHWM) after them.
// Run with `npx tsx bench/mcp-pipeline.ts [requests] [stories]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../electron/core/library';

const requests = Number(process.argv[2] ?? 1500);
const storyCount = Number(process.argv[3] ?? 2000);
const repoRoot = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'beatline-mcp-pipeline-'));
const dbPath = join(dir, 'library.db');

const lib = await openLibrary(dbPath, { logError: () => {} });
lib.db.transaction(() => {
  for (let i = 0; i < storyCount; i++) {
    const title = `${String(i).padStart(5, '0')} ${'A long story title '.repeat(12)}`.slice(0, 200);
    const story = lib.dispatcher.call('stories:create', { title });
    if (!story.ok) throw new Error(story.error.message);
  }
})();
lib.close();

/** A line of /proc/<pid>/status, in MiB (VmRSS now, VmHWM the peak). */
const memory = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
};

const child = spawn(
  process.execPath,
  [join(repoRoot, 'bin', 'beatline.mjs'), 'mcp', '--db', dbPath],
  {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
let pending: Buffer[] = [];
const answered = new Set<number>();
let waiting: (() => void) | null = null;
child.stdout.on('data', (chunk: Buffer) => {
  let start = 0;
  for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
    const line = Buffer.concat([...pending, chunk.subarray(start, nl)]);
    pending = [];
    start = nl + 1;
    // The id is the answer's second field ({"result":...} comes first for a tool call): read
    // from the end, where the SDK puts it, without parsing 0.8 MB.
    const id = /"id":(-?\d+)\}\s*$/.exec(line.subarray(-40).toString('latin1'))?.[1];
    answered.add(Number(id ?? (JSON.parse(line.toString('utf8')) as { id: number }).id));
  }
  if (start < chunk.length) pending.push(chunk.subarray(start));
  waiting?.();
});
const answeredUpTo = (n: number) =>
  new Promise<void>((done) => {
    waiting = () => answered.size >= n && done();
    waiting();
  });
// A server that dies (before h69: write ENOBUFS, its stderr shown above) ends the run.
const exited = new Promise<void>((done) => child.once('exit', () => done()));
void exited.then(() => {
  if (answered.size < requests + 2) {
    console.error(`beatline mcp exited after ${answered.size} answers of ${requests + 2}`);
    process.exit(1);
  }
});
const send = (message: object) =>
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');

send({
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'bench', version: '1' },
  },
});
await answeredUpTo(1);
send({ method: 'notifications/initialized' });
send({ id: -1, method: 'tools/call', params: { name: 'list_stories', arguments: {} } });
await answeredUpTo(2);
const rssBefore = memory(child.pid!, 'VmRSS');
const started = performance.now();
let batch = '';
for (let id = 1; id <= requests; id++) {
  batch +=
    JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'list_stories', arguments: {} },
    }) + '\n';
}
child.stdin.write(batch);
await answeredUpTo(requests + 2);
const seconds = (performance.now() - started) / 1000;
const peak = memory(child.pid!, 'VmHWM');
child.stdin.end();
await exited;
rmSync(dir, { recursive: true, force: true });
console.log(
  `beatline mcp, ${requests} pipelined list_stories of ${storyCount} stories: ` +
    `RSS ${rssBefore.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB; all answered in ${seconds.toFixed(1)} s`,
);
