/**
 * The conditions a lending desk offered, read back from its own RetryPossible message (ISO 18626
 * supplyingAgencyMessage: messageInfo/reasonRetry and note, retryInfo — or, in a 2017 message,
 * messageInfo's offeredCosts, retryAfter and retryBefore). The lending request's view carries no
 * terms, so the desk shows what it sent. Pure: the message's XML text in, the terms out.
 */

export interface OfferedTerms {
  reasonRetry?: string;
  loanConditions?: string[];
  offeredCost?: { amount: number; currency: string };
  edition?: string;
  serviceType?: string;
  /** As the message has it: an xs:dateTime (the end of the day in China Standard Time) or a date. */
  retryAfter?: string;
  retryBefore?: string;
  note?: string;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The trimmed texts of every element of this local name (any namespace prefix; ISO 18626 writers differ in the first letter's case). */
function textsOf(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z0-9_.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z0-9_.-]+:)?${name}\\s*>`, 'gi');
  return [...xml.matchAll(re)].map((m) => decode(m[1]!.trim())).filter((t) => t !== '');
}
const textOf = (xml: string, name: string): string | undefined => textsOf(xml, name)[0];

export function offeredTermsOf(xml: string): OfferedTerms {
  const currency = textOf(xml, 'currencyCode');
  const value = textOf(xml, 'monetaryValue');
  const amount = value === undefined ? Number.NaN : Number(value);
  const loanConditions = textsOf(xml, 'loanCondition');
  const terms: OfferedTerms = {
    reasonRetry: textOf(xml, 'reasonRetry'),
    loanConditions: loanConditions.length ? loanConditions : undefined,
    offeredCost: currency && Number.isFinite(amount) ? { amount, currency } : undefined,
    edition: textOf(xml, 'edition'),
    // serviceType is also the request's (in a Request); in a supplying agency message it is only retryInfo's.
    serviceType: textOf(xml, 'serviceType'),
    retryAfter: textOf(xml, 'retryAfter'),
    retryBefore: textOf(xml, 'retryBefore'),
    note: textOf(xml, 'note'),
  };
  return Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined)) as OfferedTerms;
}

/** The day of an offered date as the desk shows it: the date part, as the lender typed it. */
export const dayOf = (value: string): string => value.slice(0, 10);
