/**
 * Writes to stdout with backpressure (memory stays flat on big captures) and treats a reader that
 * went away (`| head -1`: EPIPE) as the normal end of the output, not as an error.
 */
export class OutputSink {
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      this.closed = true;
    });
  }

  async write(text: string): Promise<void> {
    if (this.closed || text === '') return;
    if (this.stream.write(text)) return;
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
