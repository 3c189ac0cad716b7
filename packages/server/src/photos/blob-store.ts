import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Content-addressed files under the data folder: photos/<tenant>/<aa>/<sha256>.<ext>. The same
// bytes are stored once per clinic; a file is written to a temporary name and renamed into place,
// so a reader never sees half a photo. Files are never changed or deleted by the API.

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function blobPath(dataDir: string, tenantId: string, hash: string, contentType: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a sha-256');
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error('not a tenant id');
  return join(dataDir, 'photos', tenantId, hash.slice(0, 2), `${hash}.${EXT[contentType] ?? 'bin'}`);
}

export async function putBlob(dataDir: string, tenantId: string, bytes: Buffer, contentType: string) {
  const hash = sha256(bytes);
  const path = blobPath(dataDir, tenantId, hash, contentType);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }
  return { hash, path };
}

export function getBlob(
  dataDir: string,
  tenantId: string,
  hash: string,
  contentType: string,
): Promise<Buffer> {
  return readFile(blobPath(dataDir, tenantId, hash, contentType));
}
