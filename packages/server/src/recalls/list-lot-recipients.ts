import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export interface LotRecipient {
  patientId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  sessionId: string;
  treatedAt: number;
  quantity: number;
}

/**
 * Every patient and session that received a lot, with contacts: one indexed query
 * (session_lots by lot, joined to the session and the patient).
 */
export async function listLotRecipients(ctx: UseCaseContext, lotId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const lot = await tx
      .selectFrom('product_lots as l')
      .innerJoin('products as p', (j) =>
        j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.product_id', '=', 'l.product_id'),
      )
      .leftJoin('lot_recalls as r', (j) =>
        j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.lot_id', '=', 'l.lot_id'),
      )
      .select([
        'l.lot_id',
        'l.lot_number',
        'l.expires_on',
        'p.product_id',
        'p.name',
        'r.recalled_at',
        'r.reason',
      ])
      .where('l.tenant_id', '=', t)
      .where('l.lot_id', '=', lotId)
      .executeTakeFirst();
    if (!lot) throw notFound('lot');
    // session_lots carries the patient and the day of use: no join to the sessions is needed.
    const rows = await tx
      .selectFrom('session_lots as u')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.patient_id', '=', 'u.patient_id'),
      )
      .select([
        'p.patient_id',
        'p.given_name',
        'p.family_name',
        'p.date_of_birth',
        'p.phone',
        'p.email',
        'p.address',
        'u.session_id',
        'u.used_at',
        'u.quantity',
      ])
      .where('u.tenant_id', '=', t)
      .where('u.lot_id', '=', lotId)
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('u.used_at')
      .execute();
    const items: LotRecipient[] = rows.map((r) => ({
      patientId: r.patient_id,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      phone: r.phone,
      email: r.email,
      address: r.address,
      sessionId: r.session_id,
      treatedAt: r.used_at,
      quantity: r.quantity,
    }));
    const patientIds = [...new Set(items.map((i) => i.patientId))];
    await recordAudit(tx, ctx, {
      action: 'lot.recipients',
      patientId: null,
      entity: 'lot',
      entityId: lotId,
      detail: { patientIds, sessions: items.length },
    });
    return {
      lot: {
        id: lot.lot_id,
        lotNumber: lot.lot_number,
        expiresOn: lot.expires_on,
        productId: lot.product_id,
        productName: lot.name,
        recalledAt: lot.recalled_at,
        recallReason: lot.reason,
      },
      patients: patientIds.length,
      items,
    };
  });
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function recipientsCsv(items: LotRecipient[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = [
    'patient_id',
    'family_name',
    'given_name',
    'date_of_birth',
    'phone',
    'email',
    'address',
    'session_id',
    'treated_at',
    'quantity',
  ];
  const lines = items.map((i) =>
    [
      i.patientId,
      i.familyName,
      i.givenName,
      i.dateOfBirth,
      i.phone,
      i.email,
      i.address,
      i.sessionId,
      new Date(i.treatedAt).toISOString(),
      i.quantity,
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
