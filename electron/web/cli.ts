import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabasePath, undecodableName } from '../core/db/paths';
import { startWebHost } from './server';

export const WEB_USAGE = `Usage: npm run web -- [--db FILE] [--port N]

Serves Beatline in a browser at http://127.0.0.1:PORT behind a per-launch token.

Options:
  --db FILE    the library to open (default: BEATLINE_DB, else the desktop app's library)
  --port N     the port on 127.0.0.1 (default: any free port)
  -h, --help   show this help

Environment:
  BEATLINE_DB          the library to open when --db is not given
  BEATLINE_WEB_TOKEN   use this token instead of a random one (tests)
`;

export interface WebCliOptions {
  dbPath: string;
  port: number;
  token: string | undefined;
}

/** Parses `npm run web` arguments; throws an Error with a usage message when they are bad. */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv): WebCliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) return 'help';
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new Error(
        `--port must be a number from 0 to 65535, not ${JSON.stringify(values.port)}`,
      );
    }
  }
  const problem = values.db
    ? undecodableName('--db', values.db)
    : undecodableName('BEATLINE_DB', env.BEATLINE_DB ?? '');
  if (problem) throw new Error(problem);
  const dbPath = values.db ? resolve(values.db) : resolveDatabasePath({ env });
  return { dbPath, port, token: env.BEATLINE_WEB_TOKEN || undefined };
}

/**
 * Runs the browser host until SIGINT/SIGTERM, then closes the database. Resolves with the
 * process exit code.
 */
export async function runWebCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let options: WebCliOptions | 'help';
  try {
    options = parseWebArgs(argv, env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${WEB_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(WEB_USAGE);
    return 0;
  }

  let host;
  try {
    host = await startWebHost({ dbPath: options.dbPath, port: options.port, token: options.token });
  } catch (error) {
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    process.stderr.write(`beatline web: ${message}\n`);
    return 1;
  }
  process.stdout.write(`Beatline is running at ${host.url}\n`);

  return new Promise<number>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      host.close().then(
        () => done(0),
        () => done(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
