import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreDatabase } from '../../backup/backup-database';
import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Restore the database from a backup (stop the server first)',
  usage: `Usage: exoclinic restore --from FILE [--force] [--data DIR | --database-url URL]

Replaces the database with the backup. An existing SQLite database is replaced only with --force.

${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...STORAGE_OPTIONS,
      from: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (!values.from)
      throw new CliInputError('missing --from FILE', [{ path: '--from', message: 'is required' }]);
    const from = resolve(io.cwd, values.from as string);
    if (!existsSync(from))
      throw new CliInputError('no such backup', [{ path: '--from', message: `${from} does not exist` }]);
    const { config } = resolveStorage(values, io.env, io.cwd);
    if (config.engine === 'sqlite' && existsSync(config.file) && !values.force) {
      throw new CliInputError('a database is already there', [
        { path: '--force', message: `add --force to replace ${config.file}` },
      ]);
    }
    await restoreDatabase(config, from);
    io.stdout.write(`restored ${from}\n`);
    return EXIT_OK;
  },
};
