/**
 * When to try a failed job again: exponential back-off from `baseSeconds`, capped at an hour,
 * with up to 20 % jitter so that jobs failing together (a peer down) do not retry together.
 */
export function retryDelaySeconds(attempt: number, baseSeconds = 5, random: () => number = Math.random): number {
  const exp = Math.min(baseSeconds * 2 ** Math.max(attempt - 1, 0), 3600);
  return Math.round(exp * (1 + 0.2 * random()));
}
