import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Db, DbConfig } from '../db/connect';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error(`${cmd} is not installed (needed for PostgreSQL backups)`)
          : e,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${stderr.trim().slice(0, 500)}`)),
    );
  });
}

/** SQLite: the online backup API (consistent while the server writes). PostgreSQL: pg_dump. */
export async function backupDatabase(db: Db, out: string): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  if (db.engine === 'sqlite') {
    const tmp = `${out}.partial`;
    await db.sqlite!.backup(tmp);
    renameSync(tmp, out);
    return;
  }
  const config = db.config as Extract<DbConfig, { engine: 'postgres' }>;
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    `--file=${out}`,
    ...(config.schema ? [`--schema=${config.schema}`] : []),
    config.url,
  ]);
}

/**
 * SQLite: check the backup opens and is intact, then put it in place of the database file
 * (the server must be stopped). PostgreSQL: pg_restore, replacing the objects it holds.
 */
export async function restoreDatabase(config: DbConfig, from: string): Promise<void> {
  if (!existsSync(from)) throw new Error(`no backup at ${from}`);
  if (config.engine === 'sqlite') {
    const check = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`the backup is damaged: ${String(result)}`);
      check.prepare('select count(*) from tenants').get();
    } finally {
      check.close();
    }
    mkdirSync(dirname(config.file), { recursive: true });
    const tmp = `${config.file}.restoring`;
    copyFileSync(from, tmp);
    for (const suffix of ['-wal', '-shm']) rmSync(`${config.file}${suffix}`, { force: true });
    renameSync(tmp, config.file);
    return;
  }
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    `--dbname=${config.url}`,
    from,
  ]);
}
