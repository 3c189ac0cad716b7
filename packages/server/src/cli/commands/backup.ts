import { resolve } from 'node:path';
import { backupDatabase } from '../../backup/backup-database';
import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { openDatabase } from '../../db/connect';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Write a consistent backup of the database (safe while the server runs)',
  usage: `Usage: exoclinic backup --out FILE [--data DIR | --database-url URL]

SQLite: online backup to FILE. PostgreSQL: pg_dump custom format (pg_dump must be installed).

${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, { ...STORAGE_OPTIONS, out: { type: 'string' } });
    if (!values.out)
      throw new CliInputError('missing --out FILE', [{ path: '--out', message: 'is required' }]);
    const { config } = resolveStorage(values, io.env, io.cwd);
    const db = await openDatabase(config);
    try {
      const out = resolve(io.cwd, values.out as string);
      await backupDatabase(db, out);
      io.stdout.write(`backup written to ${out}\n`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
