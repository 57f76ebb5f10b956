export type ProgressState =
  | { phase: 'reading'; alertsRead: number; groups: number }
  | { phase: 'writing'; groupsDone: number; groupsTotal: number };

export interface ProgressLine {
  update(state: ProgressState): void;
  /** Clears the line so the next output starts clean. */
  done(): void;
}

const INTERVAL_MS = 250;

const formatDuration = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${seconds % 60}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
};

/**
 * One line on a terminal, rewritten in place at most every 250 ms: alerts read and the rate while
 * reading, then groups written and an ETA from the average time per group so far.
 */
export const createProgressLine = (write: (text: string) => void, now: () => number): ProgressLine => {
  const started = now();
  let lastShown = Number.NEGATIVE_INFINITY;
  let writingStarted: number | undefined;
  let shown = false;
  const format = (state: ProgressState, at: number): string => {
    if (state.phase === 'reading') {
      const rate = Math.round(state.alertsRead / Math.max(0.001, (at - started) / 1000));
      return `read ${state.alertsRead.toLocaleString('en-US')} alerts (${rate.toLocaleString('en-US')}/s), ${state.groups} groups`;
    }
    const elapsed = at - (writingStarted ?? at);
    const eta =
      state.groupsDone === 0
        ? ''
        : `, ETA ${formatDuration((elapsed / state.groupsDone) * (state.groupsTotal - state.groupsDone))}`;
    return `groups ${state.groupsDone}/${state.groupsTotal} written${eta}`;
  };
  return {
    update(state) {
      const at = now();
      if (state.phase === 'writing') writingStarted ??= at;
      const final = state.phase === 'writing' && state.groupsDone === state.groupsTotal;
      if (!final && at - lastShown < INTERVAL_MS) return;
      lastShown = at;
      shown = true;
      write(`\r\u001b[2K${format(state, at)}`);
    },
    done() {
      if (shown) write('\r\u001b[2K');
      shown = false;
    },
  };
};
