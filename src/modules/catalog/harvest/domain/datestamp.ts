/**
 * OAI-PMH datestamps (OAI-PMH 2.0 §3.3): UTCdatetime in one of two granularities, day
 * (`YYYY-MM-DD`) or seconds (`YYYY-MM-DDThh:mm:ssZ`), declared by the repository in Identify.
 * A harvester must not send a finer granularity than the repository supports (§3.3.2).
 */
export type Granularity = 'day' | 'seconds';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

/** The granularity named in Identify's `<granularity>` (the spec's two values); day when unknown, as every repository supports it. */
export function granularityOf(text: string | undefined): Granularity {
  return text?.trim() === 'YYYY-MM-DDThh:mm:ssZ' ? 'seconds' : 'day';
}

/** Whether a string is a valid datestamp of either granularity, with a real calendar date. */
export function isDatestamp(text: string): boolean {
  const m = DAY.exec(text) ?? SECONDS.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  return m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61);
}

/**
 * A datestamp for a `from` argument in the repository's granularity. A finer `from` given to a
 * day-granular repository is cut to its day: `from` is inclusive, so the harvest only widens
 * (records already held come again unchanged), never misses one.
 */
export function fromArgument(datestamp: string, granularity: Granularity): string {
  const day = datestamp.slice(0, 10);
  if (granularity === 'day') return day;
  return DAY.test(datestamp) ? `${day}T00:00:00Z` : withoutFraction(datestamp);
}

/** The same for `until` (inclusive too): a day widens to its last second in a seconds-granular repository. */
export function untilArgument(datestamp: string, granularity: Granularity): string {
  const day = datestamp.slice(0, 10);
  if (granularity === 'day') return day;
  return DAY.test(datestamp) ? `${day}T23:59:59Z` : withoutFraction(datestamp);
}

const withoutFraction = (s: string): string => s.replace(/\.\d+Z$/, 'Z');

/** Comparable form of a datestamp of either granularity (a day sorts as its first second). */
export function comparable(datestamp: string): string {
  return DAY.test(datestamp) ? `${datestamp}T00:00:00Z` : withoutFraction(datestamp);
}

/** The later of two datestamps (undefined counts as none). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return comparable(b) > comparable(a) ? b : a;
}

/**
 * A date the user typed (`--from 2024-05-01`, `2024-05-01T10:00:00Z`, or with an offset such as
 * `2024-05-01T18:00:00+08:00`) as a datestamp in UTC; undefined when it is no date.
 */
export function parseUserDate(text: string): string | undefined {
  const t = text.trim();
  if (isDatestamp(t)) return t;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
