import { useDeskMessages, useMessageXml } from './use-desk-log';
import { offeredTermsOf, type OfferedTerms } from '../domain/retry-offer';
import type { DeskSide } from './use-desk';

/**
 * The terms of the request's last RetryPossible, read from that message's XML: the lending desk's
 * own offer while it waits (`awaiting-conditions`; the lending request's view carries no terms),
 * and at the borrowing desk the lender's note that came with it (`offeredConditions` keeps the
 * reason and the terms, not the note). Asked only when enabled; a message never changes, so it is read once.
 */
export function useOfferMessage({ side, id, enabled }: { side: DeskSide; id: number; enabled: boolean }): { terms: OfferedTerms | undefined; isPending: boolean; error: unknown } {
  const messages = useDeskMessages({ side, id });
  const offer = enabled ? [...(messages.data ?? [])].reverse().find((m) => m.direction === 'to-borrower' && m.status === 'RetryPossible') : undefined;
  const xml = useMessageXml({ side, id, messageId: offer?.id ?? 0, enabled: enabled && offer !== undefined });
  return {
    terms: xml.data ? offeredTermsOf(xml.data) : undefined,
    isPending: enabled && (messages.isPending || (offer !== undefined && xml.isPending)),
    error: messages.error ?? xml.error,
  };
}
