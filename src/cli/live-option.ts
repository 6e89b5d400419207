import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LiveCapture } from '../capture/live-capture.js';
import { DUMPCAP, dumpcapFailure, type LiveCaptureSpec } from '../capture/live-dumpcap.js';
import type { CaptureStream } from '../capture/open.js';
import type { NetStats } from '../net/icq-traffic.js';
import { plural } from '../protocol/plural.js';
import { all, UsageError } from './options.js';

/** -i, -f, -a and -D: a live capture through dumpcap (Wireshark's capture program), as tshark runs it. */

const MISSING_DUMPCAP =
  'live capture needs dumpcap: apt-get install tshark (Debian, Ubuntu), dnf install wireshark-cli (Fedora), brew install wireshark (macOS)';

/**
 * How long a live PDU waits for what later packets tell about it (its ACK, its response) before it is
 * shown without: long enough for an ACK on any real network, short enough to watch.
 */
export const LIVE_SETTLE_MS = 1000;

/** The -a conditions that stop a capture written to a pipe (dumpcap's filesize and files are about files). */
function isAutostop(condition: string): boolean {
  const [test, text = ''] = condition.split(/:(.*)/s);
  const value = /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
  return (test === 'duration' && value > 0) || (test === 'packets' && Number.isInteger(value) && value > 0);
}

/** The live capture -i asks for, undefined without -i; -f and -a belong to it. */
export function liveCaptureFrom(args: { i?: string | string[]; f?: string | string[]; a?: string | string[] }): LiveCaptureSpec | undefined {
  const interfaces = all(args.i).map(String);
  const filters = all(args.f).map(String);
  const autostop = all(args.a).map(String);
  if (interfaces.length === 0) {
    if (filters.length > 0 || autostop.length > 0) throw new UsageError('-f and -a are for a live capture: give -i IFACE (-Y filters a file)');
    return undefined;
  }
  if (interfaces.some((name) => name === '')) throw new UsageError('-i needs an interface name or number (icq2-dissect -D lists them)');
  if (filters.length > 1) throw new UsageError('-f: one capture filter (join them with "and")');
  const bad = autostop.find((condition) => !isAutostop(condition));
  if (bad !== undefined) throw new UsageError(`-a ${bad}: expected duration:SECONDS or packets:N`);
  return { interfaces, captureFilter: filters[0], autostop };
}

/** A running live capture as the dissect command uses it. */
export interface LiveRun {
  /** dumpcap's output, for the capture reader. */
  input: CaptureStream;
  /** The line for stderr at the end, as tshark's "N packets captured". */
  summary(stats: NetStats): string;
  /** Stops dumpcap (if it still runs) and gives Ctrl-C back. */
  close(): Promise<void>;
}

/** Starts dumpcap; Ctrl-C (and SIGTERM) from now on stops it, so the output ends as at the end of a file. */
export async function startLiveRun(spec: LiveCaptureSpec, stderr: NodeJS.WritableStream): Promise<LiveRun> {
  const capture = await LiveCapture.start(spec, (line) => stderr.write(`${line}\n`)).catch((error: NodeJS.ErrnoException) => {
    throw cannotRun(error);
  });
  // The first Ctrl-C lets dumpcap write what it has; a second one kills it.
  const interrupt = (): void => capture.interrupt();
  process.on('SIGINT', interrupt).on('SIGTERM', interrupt);
  return {
    input: { stream: capture.stream, name: DUMPCAP },
    summary(stats) {
      const dropped = capture.dropped === 0 ? '' : `, ${capture.dropped} dropped by dumpcap or the kernel`;
      const { frames, icqPayloads: pdus } = stats;
      return `${plural(frames, 'frame')} captured${dropped}, ${plural(pdus, 'ICQ PDU')}`;
    },
    async close() {
      await capture.close();
      process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    },
  };
}

/** dumpcap could not be started: not on PATH (which package brings it), or not executable. */
function cannotRun(error: NodeJS.ErrnoException): UsageError {
  return new UsageError(error.code === 'ENOENT' ? MISSING_DUMPCAP : `cannot run ${DUMPCAP}: ${error.message}`);
}

/** -D: dumpcap's list of interfaces, on stdout. */
export async function listInterfaces(): Promise<number> {
  try {
    const { stdout } = await promisify(execFile)(DUMPCAP, ['-D']);
    process.stdout.write(stdout);
    return 0;
  } catch (error) {
    // execFile's error: a spawn failure has a string code (ENOENT), an exit a numeric one.
    const failed = error as { code?: unknown; stderr?: string; signal?: NodeJS.Signals | null };
    if (typeof failed.code === 'string') throw cannotRun(error as NodeJS.ErrnoException);
    throw new UsageError(`${DUMPCAP}: ${dumpcapFailure(failed.stderr ?? '', typeof failed.code === 'number' ? failed.code : null, failed.signal ?? null)}`);
  }
}
