// Row shapes of the invitations table (migration 0024_invitations), merged into `Database` so that
// one Kysely instance types every table. Same conventions: epoch-ms numbers.

export interface InvitationsTable {
  tenant_id: string;
  invitation_id: string;
  user_id: string;
  /** SHA-256 (base64url) of the link's secret: the secret itself is never stored. */
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  /** Set when a newer invitation to the same person replaces this one. */
  revoked_at: number | null;
  created_by: string;
  created_at: number;
}

declare module './schema' {
  interface Database {
    invitations: InvitationsTable;
  }
}
