import { oaiError, VERBS, type OaiDate, type OaiError, type OaiRequest, type Verb } from './protocol.js';

/** What each verb takes (§4): required, optional, and the exclusive resumptionToken. */
const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

/** Longer than anything legal (identifiers, set specs, our tokens): refused before any work. */
const MAX_VALUE = 2048;

export type ParsedArguments =
  | { ok: true; request: OaiRequest }
  /** `verb` is set when the verb itself was legal (the errors are then about its arguments). */
  | { ok: false; errors: OaiError[]; verb?: Verb };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** A UTCdatetime argument (§3.3.1) in day or seconds granularity; undefined when it is neither or no real date. */
export function parseOaiDate(text: string): OaiDate | undefined {
  const m = DAY.exec(text) ?? SECONDS.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March: a date that does not come back unchanged is not one.
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)
    || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return { granularity: m.length === 4 ? 'day' : 'seconds', text, ms };
}

/**
 * Checks a request's arguments (GET query or POST form, as key–value pairs in order) against
 * §3.1 and §4: the verb (badVerb when missing, unknown or repeated), then every argument (badArgument
 * when one is missing, illegal, repeated, or not a date, when from and until differ in granularity
 * or from is later than until). All argument problems are reported at once (§3.6 allows several).
 */
export function parseArguments(pairs: readonly (readonly [string, string])[]): ParsedArguments {
  const verbs = pairs.filter(([k]) => k === 'verb').map(([, v]) => v);
  if (verbs.length === 0) return { ok: false, errors: [oaiError('badVerb', 'The verb argument is missing.', '缺少 verb 参数。')] };
  if (verbs.length > 1) return { ok: false, errors: [oaiError('badVerb', 'The verb argument is repeated.', 'verb 参数重复。')] };
  const verb = verbs[0]!;
  if (!(VERBS as readonly string[]).includes(verb)) {
    return { ok: false, errors: [oaiError('badVerb', `"${clip(verb)}" is not an OAI-PMH verb.`, `"${clip(verb)}" 不是 OAI-PMH 动词。`)] };
  }
  const rules = ARGUMENTS[verb as Verb];
  const errors: OaiError[] = [];
  const args = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (key === 'verb') continue;
    const legal = rules.required.includes(key) || rules.optional.includes(key) || rules.exclusive === key;
    if (!legal) errors.push(oaiError('badArgument', `${verb} does not take the argument "${clip(key)}".`, `${verb} 不接受参数 "${clip(key)}"。`));
    else if (args.has(key)) errors.push(oaiError('badArgument', `The argument "${key}" is repeated.`, `参数 "${key}" 重复。`));
    else if (value === '') errors.push(oaiError('badArgument', `The argument "${key}" is empty.`, `参数 "${key}" 为空。`));
    else if (value.length > MAX_VALUE) errors.push(oaiError('badArgument', `The argument "${key}" is longer than ${MAX_VALUE} characters.`, `参数 "${key}" 超过 ${MAX_VALUE} 个字符。`));
    else args.set(key, value);
  }
  const exclusive = rules.exclusive && args.has(rules.exclusive);
  if (exclusive) {
    for (const key of args.keys()) {
      if (key !== rules.exclusive) errors.push(oaiError('badArgument', `resumptionToken is an exclusive argument: "${key}" may not come with it.`, `resumptionToken 是排他参数，不能与 "${key}" 同用。`));
    }
  } else {
    for (const key of rules.required) {
      // A repeated or empty argument was reported already; only one never given is "missing".
      if (!args.has(key) && !pairs.some(([k]) => k === key)) errors.push(oaiError('badArgument', `${verb} needs the argument "${key}".`, `${verb} 需要参数 "${key}"。`));
    }
  }
  const dates: Record<string, OaiDate> = {};
  for (const key of ['from', 'until'] as const) {
    const text = args.get(key);
    if (text === undefined) continue;
    const date = parseOaiDate(text);
    if (date) dates[key] = date;
    else errors.push(oaiError('badArgument', `${key}="${clip(text)}" is not a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`, `${key}="${clip(text)}" 不是 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ 格式的日期。`));
  }
  if (dates.from && dates.until) {
    if (dates.from.granularity !== dates.until.granularity) {
      errors.push(oaiError('badArgument', 'from and until must have the same granularity.', 'from 与 until 的粒度必须相同。'));
    } else if (dates.from.ms > dates.until.ms) {
      errors.push(oaiError('badArgument', `from (${dates.from.text}) is later than until (${dates.until.text}).`, `from（${dates.from.text}）晚于 until（${dates.until.text}）。`));
    }
  }
  if (errors.length > 0) return { ok: false, errors, verb: verb as Verb };
  return { ok: true, request: build(verb as Verb, args, dates) };
}

function build(verb: Verb, args: Map<string, string>, dates: Record<string, OaiDate>): OaiRequest {
  const get = (k: string) => args.get(k);
  switch (verb) {
    case 'Identify':
      return { verb };
    case 'ListMetadataFormats':
      return { verb, ...(get('identifier') ? { identifier: get('identifier')! } : {}) };
    case 'ListSets':
      return { verb, ...(get('resumptionToken') ? { resumptionToken: get('resumptionToken')! } : {}) };
    case 'GetRecord':
      return { verb, identifier: get('identifier')!, metadataPrefix: get('metadataPrefix')! };
    case 'ListIdentifiers':
    case 'ListRecords': {
      const token = get('resumptionToken');
      if (token) return { verb, resumptionToken: token };
      return {
        verb, metadataPrefix: get('metadataPrefix')!,
        ...(dates.from ? { from: dates.from } : {}), ...(dates.until ? { until: dates.until } : {}), ...(get('set') ? { set: get('set')! } : {}),
      };
    }
  }
}

/** A value quoted back in a message, cut short (a 10 KB argument is not echoed whole). */
const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
