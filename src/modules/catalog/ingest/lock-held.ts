/**
 * Whether a batch of this process holds the clustering lock now. Every statement of the holder
 * waits for Node's turn, and another import's batch waits for the lock meanwhile: an import
 * reading its file in-process then gives the event loop back after every record or two instead
 * of every 16 (import/read-batches.ts, docs/import.md session 9).
 */
let holders = 0;

export const clusteringLockHeld = (): boolean => holders > 0;

/** A batch's hold of the lock, from taking it to its transaction's end (commit or rollback). */
export class LockHold {
  private held = false;

  take(): void {
    if (this.held) return;
    this.held = true;
    holders++;
  }

  end(): void {
    if (!this.held) return;
    this.held = false;
    holders--;
  }
}
