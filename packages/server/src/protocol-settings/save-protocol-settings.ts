import { CATALOG, findProtocol } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { offerable, readProtocolSettings } from './read-protocol-settings';
import type { ProtocolSettingsInput, ProtocolSettingsView } from './schemas';

type FieldProblem = { path: string; message: string };

/** Every way the choice breaks the catalog, each naming its field. */
export function checkAgainstCatalog(input: ProtocolSettingsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [indication, choice] of Object.entries(input.indications)) {
    const at = `body.indications.${indication}`;
    if (!CATALOG.indications.some((i) => i.id === indication)) {
      problems.push({ path: at, message: 'is not an indication of the catalog' });
      continue;
    }
    const seen = new Set<string>();
    for (const [i, id] of choice.offered.entries()) {
      const p = findProtocol(id);
      if (!p)
        problems.push({ path: `${at}.offered.${i}`, message: `${id} is not a protocol of the catalog` });
      else if (p.indication !== indication)
        problems.push({ path: `${at}.offered.${i}`, message: `${id} is a protocol for ${p.indication}` });
      else if (!offerable(indication, id))
        problems.push({
          path: `${at}.offered.${i}`,
          message: `${id} gives no initial series (reference only) and cannot be offered`,
        });
      else if (seen.has(id)) problems.push({ path: `${at}.offered.${i}`, message: `${id} is repeated` });
      seen.add(id);
    }
    if (!choice.offered.includes(choice.default))
      problems.push({
        path: `${at}.default`,
        message: `${choice.default} is not among the offered protocols`,
      });
  }
  return problems;
}

/**
 * Replace the clinic's protocol preferences. Indications left out go back to the catalog's
 * choice. The catalog itself is untouched: its default, derivation and the sources'
 * disagreements stay visible wherever protocols are shown.
 */
export async function saveProtocolSettings(
  ctx: UseCaseContext,
  input: ProtocolSettingsInput,
): Promise<ProtocolSettingsView> {
  const problems = checkAgainstCatalog(input);
  if (problems.length > 0)
    throw unprocessable(`${problems.length} protocol choice(s) do not match the catalog`, problems);
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    await tx.deleteFrom('protocol_settings').where('tenant_id', '=', tenantId).execute();
    const entries = Object.entries(input.indications);
    if (entries.length > 0) {
      await tx
        .insertInto('protocol_settings')
        .values(
          entries.map(([indication, choice]) => ({
            tenant_id: tenantId,
            indication,
            offered: writeJson(choice.offered),
            default_protocol: choice.default,
            updated_at: ctx.now,
            updated_by: ctx.actor.userId,
          })),
        )
        .execute();
    }
    await recordAudit(tx, ctx, {
      action: 'protocol-settings.update',
      patientId: null,
      entity: 'protocol_settings',
      entityId: null,
      detail: { indications: input.indications },
    });
    return readProtocolSettings(tx, ctx);
  });
}
