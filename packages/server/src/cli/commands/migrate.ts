import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { type CliCommand, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database schema to the latest version',
  usage: `Usage: exoclinic migrate [--data DIR | --database-url URL]\n\n${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, STORAGE_OPTIONS);
    const { config } = resolveStorage(values, io.env, io.cwd);
    const db = await openDatabase(config);
    try {
      const applied = await migrateToLatest(db);
      io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
