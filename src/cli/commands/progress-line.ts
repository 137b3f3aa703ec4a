/**
 * A one-line progress display for long commands: records read, per second, ETA. Drawn only on a
 * terminal (redrawn with a carriage return, at most a few times a second); silent in pipes and
 * logs, where the summary line says it all. A few lines of our own rather than a progress-bar
 * package (docs/decisions.md).
 */
export interface ProgressShown {
  show(p: { done: number; perSecond?: number; etaSeconds?: number }): void;
  done(): void;
}

const clock = (s: number): string => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(sec).padStart(2, '0')}`;
};

export function progressLine(stream: NodeJS.WriteStream, _totalBytes?: number): ProgressShown {
  const tty = stream.isTTY === true;
  let drawn = false;
  let last = 0;
  return {
    show(p) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const parts = [`${p.done.toLocaleString('en')} records`];
      if (p.perSecond !== undefined) parts.push(`${p.perSecond.toLocaleString('en')}/s`);
      if (p.etaSeconds !== undefined) parts.push(`ETA ${clock(p.etaSeconds)}`);
      stream.write(`\r\x1b[K${parts.join(' · ')}`);
      drawn = true;
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}
