import { z } from 'zod';
import { PERMISSION_NAMES, type Permission, ROLES } from './permissions';

// The answers of the sign-in, session and token routes, as the OpenAPI document describes them.

const permission = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]);

export const signedInUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  tenantId: z.string(),
  /** Portal accounts only: the one patient record this account may see. */
  patientId: z.string().nullable(),
});

export const loginAnswer = z.object({
  user: signedInUser,
  csrfToken: z.string().describe('send it back as the x-csrf-token header on every write'),
  expiresAt: z.number().int().describe('epoch milliseconds'),
});

export const sessionAnswer = z.object({
  user: signedInUser,
  via: z.enum(['session', 'token']),
  permissions: z.array(permission),
});

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
