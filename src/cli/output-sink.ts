/**
 * Writes to stdout with backpressure (memory stays flat on big captures) and treats a reader that
 * went away (`| head -1`: EPIPE) as the normal end of the output, not as an error. Any other write
 * error (disk full) also stops the output and is kept in `error` for the caller to report.
 */
export class OutputSink {
  closed = false;
  error: Error | undefined;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.error ??= error;
    });
  }

  /** Text, or the bytes of a capture (-w -). */
  async write(data: string | Buffer): Promise<void> {
    if (this.closed || data.length === 0) return;
    if (this.stream.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }
}
