/**
 * A one-line progress report on stderr for long files (frames, percent of the file read, rate), only
 * when stderr is a terminal and the output is not JSON; throttled to one redraw per 250 ms, and erased
 * at the end.
 */
const INTERVAL_MS = 250;

export class Progress {
  private readonly started: number;
  private lastDraw: number;
  private drawn = false;

  private bytesRead = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** Size of the file in bytes, when it is a regular file. */
    private readonly fileBytes?: number,
    /** Milliseconds clock (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastDraw = this.started; // a file read within the first interval never shows a progress line
  }

  /** Bytes of the file read so far (the capture reader reports them). */
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
    this.stream.write(`\r\x1b[Kframe ${frame}${percent}, ${count} PDUs, ${rate} frames/s`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
