import { libraryHealthReport } from '../../core/db/health';
import { latestSchemaVersion, schemaVersion } from '../../core/db/migrate';
import { openLibraryFile } from '../../core/db/open';
import type { Command } from '../command';
import { EXIT_FAILURE, EXIT_OK } from '../command';
import { printable } from '../io';
import { assertLibraryUsable, recoveryAdvice } from '../recovery';

interface CheckReport {
  path: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  ok: boolean;
  problems: string[];
}

/** Runs SQLite's integrity and foreign-key checks and compares the schema version. */
function inspect(dbPath: string): CheckReport {
  const latest = latestSchemaVersion();
  const { db } = openLibraryFile(dbPath, { mustExist: true, latest });
  const problems: string[] = [];
  let version = -1;
  try {
    version = schemaVersion(db);
    const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    for (const row of integrity) {
      if (row.integrity_check !== 'ok') problems.push(row.integrity_check);
    }
    const orphans = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
    for (const row of orphans) {
      problems.push(`a row in ${row.table} points to a missing row in ${row.parent}`);
    }
  } catch (error) {
    problems.push(`SQLite could not check the file: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  return {
    path: dbPath,
    schemaVersion: version,
    latestSchemaVersion: latest,
    ok: problems.length === 0,
    problems,
  };
}

/** `beatline check`: integrity check plus schema version; exit 1 when something is wrong. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check the library file for damage and show its schema version',
  options: { json: { type: 'boolean' } },
  optionHelp: ['  --json       print the report as JSON'],
  run({ dbPath, flags, io }) {
    assertLibraryUsable(dbPath);
    const report = inspect(dbPath);
    if (flags.json) {
      io.out(JSON.stringify(report, null, 2) + '\n');
    } else {
      io.out(`Library: ${printable(report.path)}\n`);
      const behind =
        report.schemaVersion < report.latestSchemaVersion ? ' (run `beatline migrate`)' : '';
      io.out(
        `Schema version: ${report.schemaVersion} (latest ${report.latestSchemaVersion})${behind}\n`,
      );
      if (report.ok) io.out('Integrity: ok\n');
      else {
        io.out(`Integrity: ${report.problems.length} problem(s)\n`);
        for (const p of report.problems.slice(0, 100)) io.out(`  - ${printable(p)}\n`);
        const health = { kind: 'corrupt' as const, problems: report.problems, sizeBytes: null };
        io.out(`${printable(recoveryAdvice(dbPath, libraryHealthReport(dbPath, health)))}\n`);
      }
    }
    return report.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
