/**
 * A one-line progress report on stderr for long files (PDUs, percent when the total is known from
 * the analysis pass, rate), only when stderr is a terminal and the output is not JSON; throttled to
 * one redraw per 250 ms, and erased at the end.
 */
const INTERVAL_MS = 250;

export class Progress {
  private readonly started: number;
  private lastDraw: number;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** PDUs in the file, when a first pass counted them. */
    private readonly total?: number,
    /** Milliseconds clock (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastDraw = this.started; // a file read within the first interval never shows a progress line
  }

  /** `count`: PDUs read so far, `frame`: the frame the last one came from. */
  tick(count: number, frame: number): void {
    const now = this.now();
    if (now - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = now;
    const rate = Math.round(count / Math.max((now - this.started) / 1000, 0.001));
    const percent = this.total ? ` (${Math.floor((100 * count) / this.total)}%)` : '';
    this.stream.write(`\r\x1b[K${count} PDUs${percent}, frame ${frame}, ${rate} PDUs/s`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
