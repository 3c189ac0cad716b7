import { z } from 'zod';
import { startMailDelivery } from '../../adverse-events/start-mail-delivery';
import { resolveStorage, STORAGE_OPTIONS, STORAGE_USAGE } from '../../config/storage';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { seedDemoClinic } from '../../demo/seed-demo-clinic';
import { buildApp } from '../../http/app';
import { type CliCommand, CliInputError, EXIT_OK } from '../io';
import { parseOptions } from '../read-input';
import { demoPassword, saveCredentials, signInHelp } from './demo';

const serveSchema = z.object({
  port: z.coerce.number().int('must be a whole number').min(0).max(65535),
  host: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  trustProxy: z.boolean(),
  publicUrl: z.url('must be an absolute URL such as https://clinic.example').optional(),
});

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the HTTP server (migrates first; an empty database gets a demo clinic)',
  usage: `Usage: exoclinic serve [--port P] [--host H] [--no-demo] [--data DIR | --database-url URL]

  --port P      default $PORT or 3000
  --host H      default $HOST or 127.0.0.1
  --no-demo     do not create the demo clinic in an empty database
Environment: LOG_LEVEL (info), EXOCLINIC_TRUST_PROXY=1 behind a TLS proxy (Secure cookies),
  EXOCLINIC_SMTP_URL (smtp://host:port) to mail adverse-event and recall alerts to owners and
  admins, EXOCLINIC_MAIL_FROM (sender, default exoclinic@localhost), EXOCLINIC_PUBLIC_URL (the
  address invitation links point to, default the address the server listens on).

${STORAGE_USAGE}`,
  async run(args, io) {
    const { values } = parseOptions(args, {
      ...STORAGE_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
    });
    const parsed = serveSchema.safeParse({
      port: values.port ?? io.env.PORT ?? 3000,
      host: values.host ?? io.env.HOST ?? '127.0.0.1',
      logLevel: io.env.LOG_LEVEL ?? 'info',
      trustProxy: io.env.EXOCLINIC_TRUST_PROXY === '1',
      publicUrl: io.env.EXOCLINIC_PUBLIC_URL || undefined,
    });
    if (!parsed.success) {
      throw new CliInputError(
        'bad configuration',
        parsed.error.issues.map((i) => ({ path: String(i.path[0]), message: i.message })),
      );
    }
    const cfg = parsed.data;
    const { config, dataDir } = resolveStorage(values, io.env, io.cwd);
    const db = await openDatabase(config);
    let closing = false;
    try {
      const applied = await migrateToLatest(db);
      if (applied.length) io.stdout.write(`migrated: ${applied.join(', ')}\n`);
      const app = await buildApp({
        db,
        trustProxy: cfg.trustProxy,
        ...(cfg.publicUrl && { publicBaseUrl: cfg.publicUrl }),
        logger: { level: cfg.logLevel, stream: io.stdout as NodeJS.WritableStream } as never,
      });
      const address = await app.listen({ port: cfg.port, host: cfg.host });
      const url = address.replace('[::1]', 'localhost');
      const tenants = await db.kysely.selectFrom('tenants').select('tenant_id').limit(1).execute();
      if (tenants.length === 0 && !values['no-demo']) {
        const demo = await seedDemoClinic(db, { now: Date.now(), password: demoPassword() });
        saveCredentials(dataDir, demo);
        io.stdout.write(signInHelp(demo, url));
      }
      io.stdout.write(
        `exoclinic listening on ${url} (${db.engine}${dataDir ? `, data in ${dataDir}` : ''})\n`,
      );
      const stopMail = io.env.EXOCLINIC_SMTP_URL
        ? startMailDelivery(db, {
            smtpUrl: io.env.EXOCLINIC_SMTP_URL,
            from: io.env.EXOCLINIC_MAIL_FROM ?? 'exoclinic@localhost',
            everyMs: 10_000,
            now: Date.now,
            onError: (error) => app.log.error({ err: error }, 'mail delivery failed'),
          })
        : null;
      // Graceful shutdown: stop accepting, finish in-flight requests, close the database.
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          if (closing) return;
          closing = true;
          io.stdout.write(`${signal}: shutting down\n`);
          Promise.all([app.close(), stopMail?.()]).then(
            () => resolve(),
            () => resolve(),
          );
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
