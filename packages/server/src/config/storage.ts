import { isAbsolute, join, resolve } from 'node:path';
import { CliInputError } from '../cli/io';
import type { DbConfig } from '../db/connect';

export const STORAGE_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export const STORAGE_USAGE = `Storage (one of):
  --data DIR            SQLite database in DIR/exoclinic.sqlite (default: $EXOCLINIC_DATA or ./data);
                        EXOCLINIC_SQLITE_SYNC=normal trades power-loss durability for speed
  --database-url URL    PostgreSQL (default: $DATABASE_URL); ?schema=NAME selects a schema`;

export const SQLITE_FILE = 'exoclinic.sqlite';

/** Where the records live: PostgreSQL when a URL is given, else a SQLite file in the data folder. */
export function resolveStorage(
  values: { data?: string | boolean | undefined; 'database-url'?: string | boolean | undefined },
  env: NodeJS.ProcessEnv,
  cwd: string,
): { config: DbConfig; dataDir: string | null } {
  const url = (values['database-url'] as string | undefined) ?? env.DATABASE_URL;
  if (url && values.data) {
    throw new CliInputError('choose one storage', [
      { path: '--data', message: 'cannot be combined with --database-url' },
    ]);
  }
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CliInputError('bad database URL', [
        { path: '--database-url', message: 'must be a postgres:// URL' },
      ]);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new CliInputError('bad database URL', [
        { path: '--database-url', message: 'must start with postgres://' },
      ]);
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new CliInputError('bad database URL', [
        { path: '--database-url', message: 'schema must be a plain lower-case name' },
      ]);
    }
    return {
      config: { engine: 'postgres', url: parsed.toString(), ...(schema && { schema }) },
      dataDir: null,
    };
  }
  const dir = (values.data as string | undefined) ?? env.EXOCLINIC_DATA ?? './data';
  const dataDir = isAbsolute(dir) ? dir : resolve(cwd, dir);
  const sync = (env.EXOCLINIC_SQLITE_SYNC ?? 'full').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') {
    throw new CliInputError('bad configuration', [
      { path: 'EXOCLINIC_SQLITE_SYNC', message: 'must be full or normal' },
    ]);
  }
  return { config: { engine: 'sqlite', file: join(dataDir, SQLITE_FILE), synchronous: sync }, dataDir };
}
