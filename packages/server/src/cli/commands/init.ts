import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../shared/errors';
import { initClinic } from '../../tenants/init-clinic';
import { timeZoneSchema } from '../../tenants/time-zone';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';

const initSchema = z.object({
  tenant: z.string().trim().min(1, 'is required').max(200),
  'owner-email': z.email('must be an e-mail address'),
  'owner-password-file': z.string().min(1, 'is required'),
  'owner-name': z.string().trim().min(1).max(200).default('Owner'),
  jurisdiction: z.enum(['US', 'KR', 'EU', 'UK']).default('US'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD'),
  'time-zone': timeZoneSchema.default('UTC'),
});

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Create a clinic (tenant) and its owner, without prompts',
  usage: `Usage: exoclinic init --tenant NAME --owner-email E --owner-password-file F
         [--owner-name N] [--jurisdiction US|KR|EU|UK] [--currency USD] [--time-zone Europe/Paris]
         [--data DIR | --database-url URL]

Migrates the database if needed, then creates the clinic, its owner and a default consent
template. Run it again with another name for a second clinic in the same database.

${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...STORAGE_OPTIONS,
      tenant: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-password-file': { type: 'string' },
      'owner-name': { type: 'string' },
      jurisdiction: { type: 'string' },
      currency: { type: 'string' },
      'time-zone': { type: 'string' },
    });
    const parsed = initSchema.safeParse(values);
    if (!parsed.success) {
      throw new CliInputError(
        'bad options',
        parsed.error.issues.map((i) => ({
          path: `--${String(i.path[0])}`,
          message: i.message.startsWith('Invalid input: expected string') ? 'is required' : i.message,
        })),
      );
    }
    const o = parsed.data;
    let password: string;
    try {
      password = (await readFile(o['owner-password-file'], 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      throw new CliInputError('cannot read the password file', [
        {
          path: '--owner-password-file',
          message: `${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        },
      ]);
    }
    const { config } = resolveStorage(values, io.env, io.cwd);
    const db = await openDatabase(config);
    try {
      await migrateToLatest(db);
      const { tenantId, ownerId } = await initClinic(
        db,
        {
          name: o.tenant,
          jurisdiction: o.jurisdiction,
          currency: o.currency,
          timeZone: o['time-zone'],
          ownerEmail: o['owner-email'],
          ownerName: o['owner-name'],
          ownerPassword: password,
        },
        Date.now(),
      );
      io.stdout.write(
        `created clinic '${o.tenant}' (${tenantId}) with owner ${o['owner-email'].toLowerCase()} (${ownerId})\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof DomainError && (error.status === 409 || error.status === 422)) {
        const problems = (error.extra.errors as { path: string; message: string }[] | undefined) ?? [];
        throw new CliInputError(error.message, problems);
      }
      throw error;
    } finally {
      await db.close();
    }
  },
};
