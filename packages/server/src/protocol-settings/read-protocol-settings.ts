import { CATALOG, findProtocol, type IndicationId } from '@exoclinic/core';
import { readJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import type { ProtocolSettingsView } from './schemas';
import './table';

/** A protocol the clinic can offer for the indication: in the catalog, of that indication, plannable. */
export function offerable(indication: string, protocolId: string): boolean {
  const p = findProtocol(protocolId);
  return !!p && p.indication === indication && p.initialSeries !== null;
}

/**
 * The clinic's protocol preferences for every catalog indication. An indication the clinic never
 * chose for follows the catalog. Ids the catalog has since dropped are left out, and a default
 * that is gone falls back to the catalog's, so a stale row never breaks a consultation.
 */
export async function readProtocolSettings(tx: Tx, ctx: UseCaseContext): Promise<ProtocolSettingsView> {
  const rows = await tx
    .selectFrom('protocol_settings')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .execute();
  const byIndication = new Map(rows.map((r) => [r.indication, r]));
  const indications: ProtocolSettingsView['indications'] = {};
  for (const ind of CATALOG.indications) {
    const catalogDefault = ind.defaultProtocol;
    const row = byIndication.get(ind.id);
    const offered = row
      ? readJson<string[]>(row.offered).filter((id) => offerable(ind.id, id))
      : catalogOffer(ind.id);
    if (row && offered.length > 0) {
      const chosen = offered.includes(row.default_protocol) ? row.default_protocol : (offered[0] as string);
      indications[ind.id] = { offered, default: chosen, catalogDefault, customised: true };
    } else {
      indications[ind.id] = {
        offered: catalogOffer(ind.id),
        default: catalogDefault,
        catalogDefault,
        customised: false,
      };
    }
  }
  const last = rows.reduce<(typeof rows)[number] | null>(
    (a, r) => (a === null || Number(r.updated_at) > Number(a.updated_at) ? r : a),
    null,
  );
  return {
    indications,
    updatedAt: last ? Number(last.updated_at) : null,
    updatedBy: last?.updated_by ?? null,
  };
}

/**
 * The protocol a plan uses when nobody named one: the clinic's chosen default for the indication,
 * or `undefined` when the clinic made no choice (the core then applies the catalog's default).
 */
export async function clinicDefaultProtocol(
  tx: Tx,
  ctx: UseCaseContext,
  indication: string,
): Promise<string | undefined> {
  const choice = (await readProtocolSettings(tx, ctx)).indications[indication];
  return choice?.customised ? choice.default : undefined;
}

/** The catalog's offer: every plannable protocol of the indication, its default first. */
function catalogOffer(indication: IndicationId): string[] {
  const def = CATALOG.indications.find((i) => i.id === indication)?.defaultProtocol;
  const ids = CATALOG.protocols
    .filter((p) => p.indication === indication && p.initialSeries !== null)
    .map((p) => p.id);
  return [...ids.filter((id) => id === def), ...ids.filter((id) => id !== def)];
}
