import type { Db } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { TenantId } from '../shared/ids';

/** An audit row ready to insert (what `recordAudit` builds). */
export interface AuditRow {
  tenant_id: string;
  audit_id: string;
  at: number;
  actor_user_id: string | null;
  actor_role: string | null;
  via: string;
  action: string;
  patient_id: string | null;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  detail: string;
}

/** Audit actions that only read: their rows are written by group commit, after the read. */
export function isReadAction(action: string): boolean {
  return /\.(read|list|search|worklist)$/.test(action);
}

interface Waiting {
  rows: AuditRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const CHUNK = 200;

/**
 * Group commit for read audits. A read must not answer before its audit row is committed, but a
 * write transaction (and a disk sync) per read would make every read a write. Rows of requests
 * that finish together are inserted in one transaction per clinic; each request answers once its
 * rows are committed, and fails (500, no data sent) if they cannot be.
 */
class ReadAuditWriter {
  private queue: Waiting[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  write(rows: AuditRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate: let the requests that finished in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running) {
      await this.running;
      if (this.queue.length > 0) this.schedule();
      return;
    }
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.running = this.insert(batch).finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.schedule();
    });
    await this.running;
  }

  private async insert(batch: Waiting[]): Promise<void> {
    if (this.db.sqlite) return this.insertSqlite(this.db.sqlite, batch);
    const byTenant = new Map<string, Waiting[]>();
    for (const w of batch) {
      const tenant = w.rows[0]?.tenant_id ?? '';
      const list = byTenant.get(tenant);
      if (list) list.push(w);
      else byTenant.set(tenant, [w]);
    }
    for (const [tenant, waiting] of byTenant) {
      const rows = waiting.flatMap((w) => w.rows);
      try {
        await withTenant(this.db, tenant as TenantId, async (tx) => {
          for (let i = 0; i < rows.length; i += CHUNK) {
            await tx
              .insertInto('audit_log')
              .values(rows.slice(i, i + CHUNK))
              .execute();
          }
        });
        for (const w of waiting) w.resolve();
      } catch (error) {
        for (const w of waiting) w.reject(error);
      }
    }
  }

  /**
   * SQLite: the batch is written with the connection held (no other statement can run in
   * between) and without waiting for the disk (`synchronous = NORMAL` for this one commit). A
   * crash of the process loses none of it (WAL); a power cut before the next clinical write,
   * whose commit syncs the whole log, could lose the last read records. Clinical writes keep the
   * configured setting.
   */
  private async insertSqlite(handle: SqliteHandle, batch: Waiting[]): Promise<void> {
    const rows = batch.flatMap((w) => w.rows);
    try {
      await this.db.kysely.connection().execute(async () => sqliteAuditWriter(handle)(rows));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.resolve();
  }
}

type SqliteHandle = NonNullable<Db['sqlite']>;

const COLUMNS = [
  'tenant_id',
  'audit_id',
  'at',
  'actor_user_id',
  'actor_role',
  'via',
  'action',
  'patient_id',
  'entity',
  'entity_id',
  'ip',
  'request_id',
  'detail',
] as const;

const inserters = new WeakMap<SqliteHandle, (rows: AuditRow[]) => void>();

/**
 * One prepared insert and one transaction for the batch, on the driver directly, committed with
 * `synchronous = NORMAL` and the connection's own setting (read once: it is set when the database
 * is opened) restored after. The pragmas run through `exec`, never as prepared statements: SQLite
 * applies `synchronous` while it compiles the pragma, so a prepared one does nothing when run.
 */
function sqliteAuditWriter(handle: SqliteHandle): (rows: AuditRow[]) => void {
  let write = inserters.get(handle);
  if (!write) {
    const stmt = handle.prepare(
      `insert into audit_log (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const restore = `pragma synchronous = ${Number(handle.pragma('synchronous', { simple: true }))}`;
    // Positional values: binding by name looks up each of the thirteen names per row.
    const insert = handle.transaction((rows: AuditRow[]) => {
      for (const r of rows)
        stmt.run(
          r.tenant_id,
          r.audit_id,
          r.at,
          r.actor_user_id,
          r.actor_role,
          r.via,
          r.action,
          r.patient_id,
          r.entity,
          r.entity_id,
          r.ip,
          r.request_id,
          r.detail,
        );
    });
    write = (rows) => {
      handle.exec('pragma synchronous = NORMAL');
      try {
        insert(rows);
      } finally {
        handle.exec(restore);
      }
    };
    inserters.set(handle, write);
  }
  return write;
}

const writers = new WeakMap<Db, ReadAuditWriter>();

/** Write read-audit rows by group commit; resolves when they are committed. */
export function commitReadAudits(db: Db, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  let writer = writers.get(db);
  if (!writer) {
    writer = new ReadAuditWriter(db);
    writers.set(db, writer);
  }
  return writer.write(rows);
}
