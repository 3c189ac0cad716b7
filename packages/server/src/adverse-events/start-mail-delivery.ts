import nodemailer from 'nodemailer';
import type { Db } from '../db/connect';
import { deliverOutbox } from './deliver-outbox';

export interface MailDeliveryOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port`. */
  smtpUrl: string;
  from: string;
  everyMs: number;
  now: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Sends the outbox (alerts to owners and admins) on a timer while the server runs. One round at
 * a time; a failing round is reported and retried on the next tick (each message keeps its
 * attempts). Returns a function that stops the timer and waits for a round in flight.
 */
export function startMailDelivery(db: Db, options: MailDeliveryOptions): () => Promise<void> {
  const transport = nodemailer.createTransport(options.smtpUrl);
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = deliverOutbox(db, transport, { from: options.from, now: options.now })
      .catch((error) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    if (running) await running;
    transport.close();
  };
}
