/**
 * What a desk shows of an ISO 18626 message without opening its XML: the status it reports and
 * the reason given (ISO 18626 statusInfo/status; messageInfo/reasonForMessage, reasonUnfilled,
 * reasonRetry; a requesting agency's action; a confirmation's errorType/errorValue). Pure.
 */
export interface MessageSummary {
  status: string | null;
  reason: string | null;
}

/** The text of the first element of this local name (any namespace prefix), trimmed. */
function textOf(xml: string, name: string): string | null {
  // ISO 18626 names its elements in lower camel case (statusInfo, status); the first letter is not held against a writer.
  const m = new RegExp(`<(?:[A-Za-z0-9_.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z0-9_.-]+:)?${name}>`, 'i').exec(xml);
  const text = m?.[1]?.trim();
  return text ? text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : null;
}

export function summariseMessage(xml: string): MessageSummary {
  const status = textOf(xml, 'Status') ?? textOf(xml, 'MessageStatus');
  const reasons = [textOf(xml, 'ReasonForMessage'), textOf(xml, 'ReasonUnfilled'), textOf(xml, 'ReasonRetry'), textOf(xml, 'Action'), textOf(xml, 'ErrorValue') ?? textOf(xml, 'ErrorType')];
  const reason = reasons.filter((r): r is string => r !== null).join(' · ');
  return { status, reason: reason || null };
}
