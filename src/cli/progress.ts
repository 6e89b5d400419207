import type { CliIo } from './cli-io.js';
import { fstatSync, statSync, type Stats } from 'node:fs';
import type { CaptureInput } from '../capture/open.js';
import { onInterrupt } from './interrupt.js';

/**
 * A one-line progress report on stderr for long runs (frames, percent of the files read, rate):
 * throttled to one redraw per 250 ms, erased when the reading ends, fails or is interrupted.
 */
const INTERVAL_MS = 250;
const ERASE = '\r\x1b[K';

/** What the line counts: batches of PDUs, each knowing its frame. */
type Batch = readonly { pdu: { frame: number } }[];

export class Progress {
  private readonly started: number;
  private lastDraw: number;
  /** Set while a line is drawn: erases it on Ctrl-C. */
  private forgetInterrupt: (() => void) | undefined;

  private bytesRead = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** Size of the files in bytes, when they are all regular files. */
    private readonly fileBytes?: number,
    /** Milliseconds clock (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastDraw = this.started; // a file read within the first interval never shows a progress line
  }

  /** Bytes of the files read so far (the capture reader reports them). */
  readonly read = (bytes: number): void => {
    this.bytesRead = bytes;
  };

  /** `count`: PDUs read so far, `frame`: the frame the last one came from. */
  tick(count: number, frame: number): void {
    const now = this.now();
    if (now - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = now;
    const rate = Math.round(frame / Math.max((now - this.started) / 1000, 0.001));
    const percent = this.fileBytes ? ` (${Math.floor((100 * this.bytesRead) / this.fileBytes)}% of the file)` : '';
    this.forgetInterrupt ??= onInterrupt(() => this.stream.write(ERASE));
    this.stream.write(`${ERASE}frame ${frame}${percent}, ${count} PDUs, ${rate} frames/s`);
  }

  clear(): void {
    if (!this.forgetInterrupt) return;
    this.stream.write(ERASE);
    this.forgetInterrupt();
    this.forgetInterrupt = undefined;
  }

  /** The batches of `source` as they come, counted on the line; erased when they end, stop early or fail. */
  async *over<B extends Batch>(source: AsyncIterable<B>): AsyncGenerator<B> {
    let count = 0;
    try {
      for await (const batch of source) {
        count += batch.length;
        const last = batch[batch.length - 1];
        if (last) this.tick(count, last.pdu.frame);
        yield batch;
      }
    } finally {
      this.clear();
    }
  }
}

/** --progress (true), --no-progress (false), or neither: decided by where the output goes. */
export type ProgressChoice = boolean | undefined;

/** Where a command writes its report: stdout, or a file of its own (unknowns -o). */
export type OutputTarget = 'stdout' | 'file';

/**
 * Whether the line is drawn without --progress: only when stderr is a terminal and the output goes to a
 * regular file or /dev/null. On a terminal it would garble the output; through a pipe the output is
 * usually a pager (`| less`) sharing the terminal with stderr, where the line would freeze over the page.
 */
export function progressWanted(choice: ProgressChoice, stderrIsTTY: boolean, output: OutputTarget, stdoutFd = 1): boolean {
  if (choice !== undefined) return choice;
  if (!stderrIsTTY) return false;
  if (output === 'file') return true;
  const stdout = statOf(stdoutFd);
  if (!stdout) return false;
  return stdout.isFile() || (stdout.isCharacterDevice() && stdout.rdev === statSync('/dev/null').rdev);
}

/** A closed stdout has no status: no line for it. */
function statOf(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/** A progress line on stderr for reading `inputs`, or undefined when none is wanted. */
export function progressFor(
  choice: ProgressChoice,
  inputs: readonly CaptureInput[],
  output: OutputTarget = 'stdout',
  stderr: CliIo['stderr'] = process.stderr,
): Progress | undefined {
  if (!progressWanted(choice, stderr.isTTY === true, output)) return undefined;
  const sizes = inputs.map((input) => ('path' in input ? statSync(input.path, { throwIfNoEntry: false }) : undefined));
  const total = sizes.every((size) => size?.isFile()) ? sizes.reduce((sum, size) => sum + size!.size, 0) : undefined;
  return new Progress(stderr, total);
}

/** The batches `read` makes, with the progress line drawn over them when there is one (it is told the bytes read). */
export function withProgress<B extends Batch>(progress: Progress | undefined, read: (hooks: { onRead?: (bytes: number) => void }) => AsyncIterable<B>): AsyncIterable<B> {
  return progress ? progress.over(read({ onRead: progress.read })) : read({});
}
