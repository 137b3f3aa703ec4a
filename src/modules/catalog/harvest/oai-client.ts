import { OaiResponseReader, type OaiIdentify, type OaiPage, type OaiRecord } from './domain/oai-response.js';

/** A harvest that cannot go on: the repository's OAI-PMH error code, or what went wrong on the way. */
export class HarvestError extends Error {
  constructor(
    message: string,
    /** An OAI-PMH error code (`cannotDisseminateFormat` …), or HTTP_<status>, NETWORK, TIMEOUT, MALFORMED. */
    readonly code: string,
    /** Whether asking again later may succeed (the repository down), unlike a refusal. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export interface OaiClientOptions {
  /** The repository's base URL (OAI-PMH §3.1.1). */
  baseUrl: string;
  /** Time for one request, body included (default 120 s). */
  timeoutMs?: number;
  /** Attempts per request before giving up (default 5). */
  attempts?: number;
  /** First back-off after a failure, doubled each time (default 2 s). */
  backoffMs?: number;
  /** The longest Retry-After obeyed (default 10 minutes); longer ones are cut to it. */
  maxRetryAfterMs?: number;
  /** Told before each wait, for logs and progress. */
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
  /** Whether to stop waiting (a job being cancelled). */
  stopping?: () => boolean;
  fetch?: typeof fetch;
}

/** A response page with the records it held (kept apart until the page was read whole: a retried page must not give records twice). */
export interface FetchedPage {
  page: OaiPage;
  records: OaiRecord[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}

/**
 * An OAI-PMH 2.0 client for one repository: GET requests, each under a timeout, read as they
 * stream in; network errors, time-outs, 5xx answers and cut responses are retried with
 * exponential back-off, a 503's Retry-After obeyed (§3.1.2.2 tells repositories to use it for
 * flow control). OAI-PMH errors come back in the page for the caller to decide on.
 */
export class OaiClient {
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: OaiClientOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** Identify (§4.2): granularity, earliest datestamp, deleted-record policy. */
  async identify(): Promise<OaiIdentify> {
    const { page } = await this.request({ verb: 'Identify' });
    if (page.errors.length > 0) throw new HarvestError(page.errors.map((e) => `${e.code}: ${e.message}`).join('; '), page.errors[0]!.code, false);
    if (!page.identify) throw new HarvestError('the repository answered Identify without an <Identify> element', 'MALFORMED', false);
    return page.identify;
  }

  /** GetRecord (§4.1): one record by identifier; undefined when the repository says idDoesNotExist. */
  async getRecord(identifier: string, metadataPrefix: string): Promise<OaiRecord | undefined> {
    const { page, records } = await this.request({ verb: 'GetRecord', identifier, metadataPrefix });
    if (page.errors.some((e) => e.code === 'idDoesNotExist')) return undefined;
    if (page.errors.length > 0) throw new HarvestError(page.errors.map((e) => `${e.code}: ${e.message}`).join('; '), page.errors[0]!.code, false);
    return records[0];
  }

  /** One request, retried as needed; the page and its records once read whole. */
  async request(query: Record<string, string>): Promise<FetchedPage> {
    const url = `${this.opts.baseUrl}${this.opts.baseUrl.includes('?') ? '&' : '?'}${new URLSearchParams(query).toString()}`;
    const attempts = this.opts.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      let failure: HarvestError;
      let waitMs: number | undefined;
      try {
        return await this.once(url);
      } catch (err) {
        failure = err instanceof RetryLater ? err.error : err instanceof HarvestError ? err : toHarvestError(err);
        waitMs = err instanceof RetryLater ? err.waitMs : undefined;
      }
      if (!failure.transient || attempt >= attempts || this.opts.stopping?.()) throw failure;
      const backoff = (this.opts.backoffMs ?? 2000) * 2 ** (attempt - 1);
      const wait = Math.min(waitMs ?? backoff, this.opts.maxRetryAfterMs ?? 600_000);
      this.opts.onRetry?.({ attempt, waitMs: wait, reason: failure.message });
      // In slices, so that a job told to stop (shutdown, cancel) does not sit out a long Retry-After.
      for (let left = wait; left > 0 && !this.opts.stopping?.(); left -= 1000) await sleep(Math.min(left, 1000));
      if (this.opts.stopping?.()) throw failure;
    }
  }

  private async once(url: string): Promise<FetchedPage> {
    const res = await this.fetch(url, {
      headers: { accept: 'text/xml, application/xml', 'user-agent': 'Anylib OAI-PMH harvester' },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 120_000),
    });
    if (res.status === 503 || res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      const wait = retryAfterMs(res.headers.get('retry-after'));
      throw new RetryLater(new HarvestError(`HTTP ${res.status} from ${url}`, `HTTP_${res.status}`, true), wait);
    }
    const records: OaiRecord[] = [];
    const reader = new OaiResponseReader((r) => records.push(r));
    const decoder = new TextDecoder('utf-8');
    if (res.body) {
      for await (const chunk of res.body) reader.write(decoder.decode(chunk as Uint8Array, { stream: true }));
    }
    reader.write(decoder.decode());
    const page = reader.end();
    if (!res.ok && page.errors.length === 0) throw new HarvestError(`HTTP ${res.status} from ${url}`, `HTTP_${res.status}`, false);
    // A 200 whose XML breaks off is a response cut short (a proxy, a dropped connection): ask again.
    if (page.malformed !== undefined) throw new HarvestError(`the response to ${url} is not well-formed OAI-PMH: ${page.malformed}`, 'MALFORMED', true);
    return { page, records };
  }
}

/** A transient failure with the wait the repository asked for. */
class RetryLater extends Error {
  constructor(readonly error: HarvestError, readonly waitMs: number | undefined) {
    super(error.message);
  }
}

function toHarvestError(err: unknown): HarvestError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new HarvestError('the repository did not answer in time', 'TIMEOUT', true);
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new HarvestError(`network error: ${detail}`, 'NETWORK', true);
}
