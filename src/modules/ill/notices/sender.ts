/**
 * Sends the outbox's e-mail notices over SMTP (nodemailer), with retries and back-off. Without
 * SMTP_URL the notices stay recorded as `unsent` and the log says so: nothing is lost silently,
 * and nothing is sent late either when a server is configured weeks afterwards.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../../platform/config.js';
import type { Db } from '../../../platform/db/index.js';
import { deliveryStore } from '../delivery/delivery.store.js';
import { copyLink } from '../delivery/link.js';
import { noticesStore, type NoticeRow } from './notices.store.js';
import { renderNotice, type NoticeFacts } from './templates.js';

export interface NoticeLog {
  info: (obj: object, msg: string) => void;
  warn?: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/** The mail transport of the configuration; undefined without SMTP_URL. */
export function mailTransport(config: Config): Transporter | undefined {
  return config.mail.smtpUrl ? nodemailer.createTransport(config.mail.smtpUrl) : undefined;
}

const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 300;
/** 1, 2, 4 … minutes between attempts, at most 6 hours. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/** The facts at sending time: a delivered copy's link is signed now, from the copy as it stands. */
async function factsToSend(db: Db, config: Config, n: NoticeRow): Promise<NoticeFacts> {
  const { copyId, ...facts } = n.params;
  if (n.event !== 'copy-delivered' || copyId === undefined) return facts;
  const copy = await deliveryStore.copy(db, copyId);
  if (!copy?.expiresAt) return facts;
  return { ...facts, link: copyLink(config.baseUrl, copy.id, copy.linkNonce, config.secret), expiresAt: copy.expiresAt.slice(0, 10), downloads: copy.maxDownloads };
}

/** A mail server's 5xx answer will not change on a retry: the address or the message is refused. */
const permanent = (err: unknown): boolean => {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends the notices that are due, a batch at a time, until none is left. Answers how many were
 * sent, retried later, given up on, or left unsent for want of a mail server.
 */
export async function sendDueNotices(db: Db, config: Config, transport: Transporter | undefined, log: NoticeLog, now = () => new Date()): Promise<{ sent: number; retry: number; failed: number; unsent: number }> {
  const tally = { sent: 0, retry: 0, failed: 0, unsent: 0 };
  for (;;) {
    const batch = await noticesStore.claim(db, now().toISOString(), 20, LEASE_SECONDS);
    if (!batch.length) break;
    for (const n of batch) {
      const rendered = renderNotice(n.event, n.locale, await factsToSend(db, config, n));
      if (!transport || !config.mail.from) {
        await noticesStore.markFinal(db, n.id, 'unsent', 'SMTP_URL is not set: recorded, not sent', rendered.subject);
        tally.unsent++;
        continue;
      }
      try {
        const info = (await transport.sendMail({ from: config.mail.from, to: n.recipient, subject: rendered.subject, text: rendered.text, html: rendered.html, headers: { 'Content-Language': n.locale } })) as { messageId?: string };
        await noticesStore.markSent(db, n.id, rendered.subject, info.messageId ?? null);
        tally.sent++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (permanent(err) || n.attempts >= MAX_ATTEMPTS) {
          await noticesStore.markFinal(db, n.id, 'failed', message, rendered.subject);
          log.error({ notice: n.id, request: n.requestId, event: n.event, attempts: n.attempts, err: message }, 'e-mail notice given up');
          tally.failed++;
        } else {
          await noticesStore.markRetry(db, n.id, message, new Date(now().getTime() + retryDelayMs(n.attempts)).toISOString());
          tally.retry++;
        }
      }
    }
  }
  if (tally.unsent) (log.warn ?? log.info)({ count: tally.unsent }, 'e-mail notices recorded but not sent: SMTP_URL is not set');
  if (tally.sent || tally.retry || tally.failed) log.info(tally, 'e-mail notices');
  return tally;
}
