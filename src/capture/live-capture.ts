import { spawn, type ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { capturingOn, DUMPCAP, dumpcapArguments, dumpcapFailure, droppedPackets, type LiveCaptureSpec } from './live-dumpcap.js';
import { CaptureError } from './record.js';

/** dumpcap's stderr kept for its messages (a few lines; its advice on permissions fits too). */
const MAX_STDERR_CHARS = 64 * 1024;
/** A dumpcap asked to stop that has not ended after this long is killed. */
const STOP_GRACE_MS = 3000;

/**
 * A live capture: dumpcap writing pcapng to a pipe, which the capture readers read as any stream (dumpcap
 * writes each packet as it comes, so each record arrives as its block does). When dumpcap fails (no such
 * interface, no permission) the stream ends with a CaptureError carrying its message as one line; when it
 * was asked to stop (`interrupt`, `close`), the stream simply ends after the last packet it wrote.
 */
export class LiveCapture {
  /** dumpcap's pcapng output; read it once (see teeSource for two readers). */
  readonly stream: Readable;
  private stderr = '';
  private announced = 0;
  private writing = false;
  private stopping = false;
  private running = true;
  private readonly ended: Promise<CaptureError | undefined>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly onCapturing: (line: string) => void,
  ) {
    child.on('error', () => {}); // after the start, only a failed kill: its end is reported by 'close'
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      if (this.stderr.length < MAX_STDERR_CHARS) this.stderr += text;
      this.announce();
    });
    // Its end is its exit with all of stderr read (not 'close', which waits for stdout too: a reader may have stopped).
    const stderrEnded = new Promise((resolve) => child.stderr!.once('close', resolve));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once('exit', (code, signal) => {
        this.running = false;
        resolve([code, signal]);
      });
    });
    this.ended = Promise.all([exited, stderrEnded]).then(([[code, signal]]) =>
      !this.stopping && code !== 0 ? new CaptureError('io', DUMPCAP, dumpcapFailure(this.stderr, code, signal)) : undefined,
    );
    this.stream = Readable.from(this.output());
  }

  /** Starts dumpcap; rejects with spawn's error when it cannot (code ENOENT: no dumpcap on PATH). */
  static start(spec: LiveCaptureSpec, onCapturing: (line: string) => void): Promise<LiveCapture> {
    const child = spawn(DUMPCAP, dumpcapArguments(spec), { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        child.off('error', reject);
        resolve(new LiveCapture(child, onCapturing));
      });
    });
  }

  /** Packets dumpcap says were dropped (it tells when it ends). */
  get dropped(): number {
    return droppedPackets(this.stderr);
  }

  /** Asks dumpcap to stop (SIGINT: it writes what it has and ends the stream); asked again, kills it. */
  interrupt(): void {
    if (!this.running) return;
    this.child.kill(this.stopping ? 'SIGKILL' : 'SIGINT');
    this.stopping = true;
  }

  /** Stops dumpcap if it still runs (the output ended first: -c, a closed pipe) and waits for its end. */
  async close(): Promise<void> {
    this.interrupt();
    const timer = setTimeout(() => this.interrupt(), STOP_GRACE_MS);
    await this.ended;
    clearTimeout(timer);
  }

  private async *output(): AsyncGenerator<Buffer> {
    for await (const chunk of this.child.stdout!) {
      this.writing = true;
      this.announce();
      yield chunk as Buffer;
    }
    const failure = await this.ended;
    if (failure) throw failure;
  }

  /** dumpcap says "Capturing on ..." before it knows it can: passed on once its output began. */
  private announce(): void {
    if (!this.writing) return;
    const lines = capturingOn(this.stderr);
    for (const line of lines.slice(this.announced)) this.onCapturing(line);
    this.announced = lines.length;
  }
}
