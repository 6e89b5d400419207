import { constants } from 'node:os';

/**
 * What an interrupted run (Ctrl-C, SIGTERM) must still undo: a temporary file to remove, a progress line
 * to erase. The undos run synchronously in the signal's handler, then the program dies of the same signal,
 * so a shell sees 130 or 143 as from any program it stops (a loop around us stops too). Handlers are
 * installed only while there is something to undo, so Node's own handling stays otherwise.
 */
type Undo = () => void;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const undos = new Set<Undo>();

function interrupted(signal: NodeJS.Signals): void {
  for (const undo of undos) {
    try {
      undo();
    } catch {
      // The others still run: one file that cannot be removed must not keep the rest.
    }
  }
  undos.clear();
  uninstall();
  // Another handler (a live capture stops dumpcap on Ctrl-C) would catch the signal raised again.
  if (process.listenerCount(signal) > 0) process.exit(128 + constants.signals[signal]);
  process.kill(process.pid, signal);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.off(signal, interrupted);
}

/** Runs `undo` if the program is interrupted before the returned function is called (when it is done or undone otherwise). */
export function onInterrupt(undo: Undo): () => void {
  if (undos.size === 0) for (const signal of SIGNALS) process.on(signal, interrupted);
  undos.add(undo);
  return () => {
    if (undos.delete(undo) && undos.size === 0) uninstall();
  };
}
