import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, PASSWORD_RULE } from '../auth/passwords';
import { ROLES, STAFF_ROLES } from '../auth/permissions';
import { idSchema } from '../http/schemas';
import { INVITATION_STATES } from './invitation-state';

// Requests and answers of the invitation routes: they validate the input and describe the
// answers in the OpenAPI document.

export const invitationView = z
  .object({
    id: z.string(),
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    sentAt: z.number().describe('epoch ms'),
    expiresAt: z.number().describe('epoch ms'),
    acceptedAt: z.number().nullable(),
    replacedAt: z.number().nullable(),
    state: z.enum(INVITATION_STATES),
  })
  .describe('An invitation link sent by mail (the link itself is never shown again)');

export const portalAccessView = z.object({
  patientEmail: z.string().nullable(),
  account: z
    .object({
      id: z.string(),
      email: z.string(),
      status: z.enum(['invited', 'active', 'inactive']),
    })
    .nullable(),
  invitation: invitationView.nullable().describe('the latest invitation, if any'),
});

export const staffInvitationBody = z.object({
  email: z.email('must be an e-mail address').max(320),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(STAFF_ROLES),
  locationId: idSchema.optional(),
});

export const tokenParams = z.object({ token: z.string().min(1).max(200) });

export const invitationPreview = z
  .object({
    clinic: z.object({ name: z.string() }),
    invitee: z.object({ displayName: z.string(), email: z.string() }),
    expiresAt: z.number().describe('epoch ms'),
  })
  .describe('What an open invitation link shows to whoever holds it: nothing more');

export const acceptBody = z.object({
  password: z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_RULE).max(1000),
});

export const acceptAnswer = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    tenantId: z.string(),
    patientId: z.string().nullable(),
  }),
  csrfToken: z.string(),
  expiresAt: z.number(),
});
