/**
 * The conditions of a RetryPossible (ISO 18626 messageInfo/reasonRetry and note, retryInfo) as
 * the API gives them: the request's `offeredConditions` at the borrowing desk (the lender's, dates
 * as its message brought them) and the lending request's at the lending desk (its own offer while
 * it waits, dates as it typed them). The one source of both desks' panels: no message XML is read.
 */
export interface OfferedTerms {
  reasonRetry?: string;
  loanConditions?: string[];
  offeredCost?: { amount: number; currency: string };
  edition?: string;
  serviceType?: string;
  /** An xs:dateTime (the end of the day in China Standard Time) or a date. */
  retryAfter?: string;
  retryBefore?: string;
  /** The lender's note sent with the offer. */
  note?: string;
}

/** The day of an offered date as the desk shows it: the date part, as the lender typed it. */
export const dayOf = (value: string): string => value.slice(0, 10);
