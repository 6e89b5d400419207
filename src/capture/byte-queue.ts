/** Bytes received but not parsed yet, kept as the chunks they came in (no copy until a block needs them whole). */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The first n bytes (n <= length) as one buffer, without consuming them; merges chunks only when n spans several. */
  peek(n: number): Buffer {
    if (n > this.size) throw new RangeError(`peek(${n}) beyond ${this.size} queued bytes`);
    if (n === 0) return Buffer.alloc(0);
    let count = 0;
    let covered = 0;
    while (covered < n) covered += this.chunks[count++]!.length;
    if (count > 1) this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count)));
    return this.chunks[0]!.subarray(0, n);
  }

  /** Drops the first n bytes (n <= length). */
  skip(n: number): void {
    this.size -= n;
    while (n > 0) {
      const first = this.chunks[0]!;
      if (first.length > n) {
        this.chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      this.chunks.shift();
    }
  }

  /** All queued bytes as one buffer. */
  all(): Buffer {
    return this.peek(this.size);
  }
}
