import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { type DemoClinic, seedDemoClinic } from '../../demo/seed-demo-clinic';
import { type CliCommand, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';

export function demoPassword(): string {
  return `demo-${randomBytes(9).toString('base64url')}`;
}

export function signInHelp(demo: DemoClinic, url: string): string {
  const width = Math.max(...demo.logins.map((l) => l.role.length));
  return [
    `Demo clinic '${demo.name}' is ready. Open ${url}/ to sign in (API docs at ${url}/api/docs) with:`,
    ...demo.logins.map((l) => `  ${l.role.padEnd(width)}  ${l.email}`),
    `  password for every account: ${demo.password}`,
    '',
  ].join('\n');
}

/** Keep the demo password beside the data, readable by its owner only. */
export function saveCredentials(dataDir: string | null, demo: DemoClinic): void {
  if (!dataDir) return;
  const lines = [...demo.logins.map((l) => `${l.role}\t${l.email}`), `password\t${demo.password}`, ''];
  writeFileSync(join(dataDir, 'demo-credentials.txt'), lines.join('\n'), { mode: 0o600 });
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Add a demo clinic (staff, products, price lists, patients with plans)',
  usage: `Usage: exoclinic demo [--name NAME] [--data DIR | --database-url URL]\n\n${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, { ...STORAGE_OPTIONS, name: { type: 'string' } });
    const { config, dataDir } = resolveStorage(values, io.env, io.cwd);
    const db = await openDatabase(config);
    try {
      await migrateToLatest(db);
      const demo = await seedDemoClinic(db, {
        now: Date.now(),
        password: demoPassword(),
        ...(values.name && { name: values.name as string }),
      });
      saveCredentials(dataDir, demo);
      io.stdout.write(signInHelp(demo, 'http://127.0.0.1:3000'));
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
