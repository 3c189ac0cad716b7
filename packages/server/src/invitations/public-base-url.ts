import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Where invitees open their link: the configured public address (EXOCLINIC_PUBLIC_URL behind a
 * proxy), else the address this server listens on, else localhost. Never the request's Host
 * header, which the caller chooses.
 */
export function publicBaseUrl(app: FastifyInstance, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const address = app.server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') return 'http://localhost';
  const wildcard = address.address === '::' || address.address === '0.0.0.0';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host.replace('[::1]', 'localhost')}:${address.port}`;
}
