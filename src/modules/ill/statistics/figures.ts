/**
 * The figures derived from the counts, pure: fill rate, a library's lending/borrowing ratio and
 * its balance against the target ratio the directory gives it.
 */

/** Filled over ended, 0–1 with three decimals; null when nothing has ended yet (no rate to tell). */
export function fillRate(filled: number, ended: number): number | null {
  return ended > 0 ? Math.round((filled / ended) * 1000) / 1000 : null;
}

/**
 * A library's balance: `ratio` is items lent per item borrowed (null when it borrowed nothing);
 * `balance` is how many items it lent above (positive) or below (negative) what its target ratio
 * asks for the items it borrowed — the figure the rota's load balancing evens out.
 */
export function lendBorrowBalance(lent: number, borrowed: number, targetRatio: number | null): { ratio: number | null; balance: number | null } {
  const ratio = borrowed > 0 ? Math.round((lent / borrowed) * 100) / 100 : null;
  const balance = targetRatio === null ? null : Math.round((lent - targetRatio * borrowed) * 100) / 100;
  return { ratio, balance };
}
