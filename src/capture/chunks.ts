import { CaptureError } from './record.js';

export interface PeekedChunks {
  /** Everything read so far: at least the bytes asked for, unless the data ended first. */
  head: Buffer;
  /** The whole data again from its first byte, head included. */
  chunks: AsyncIterable<Buffer>;
}

/** Reads until at least `length` bytes arrived, so a format can be sniffed without losing them. */
export async function peekStart(source: AsyncIterable<Buffer>, length: number): Promise<PeekedChunks> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < length) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, chunks: chunks() };
}

/** Stream chunks as Buffers (a stream with an encoding set gives strings), counting the bytes for `onRead`. */
export async function* asBuffers(source: AsyncIterable<Buffer | string>, onRead?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    onRead?.(total);
    yield buffer;
  }
}

/** Passes chunks on, turning fs and zlib failures into CaptureErrors with one clear line. */
export async function* guardChunks(source: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  try {
    yield* source;
  } catch (error) {
    throw toCaptureError(error, file);
  }
}

function toCaptureError(error: unknown, file: string): CaptureError {
  if (error instanceof CaptureError) return error;
  const { code, message }: NodeJS.ErrnoException =
    error instanceof Error ? error : { name: 'Error', message: String(error) };
  if (code === 'ENOENT') return new CaptureError('missing', file, 'no such file');
  if (code === 'Z_BUF_ERROR') return new CaptureError('truncated', file, 'gzip data cut short');
  if (code?.startsWith('Z_')) return new CaptureError('corrupt', file, `gzip data damaged (${message})`);
  return new CaptureError('io', file, `cannot read (${message})`);
}
