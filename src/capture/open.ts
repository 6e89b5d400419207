import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { flatten } from './batches.js';
import { asBuffers, guardChunks, peekStart } from './chunks.js';
import { readPcap } from './pcap.js';
import { readPcapng } from './pcapng.js';
import { CaptureError, type CaptureRecord } from './record.js';
import { SNIFF_LENGTH, sniffFormat } from './sniff.js';

/** Bytes per read of a file, a batch of records each (about 200 small frames): 64 KiB batches lived long enough to be promoted, and GC took a fifth of the time. */
const READ_CHUNK_BYTES = 16 * 1024;

/** Name given to standard input in CaptureErrors. */
export const STDIN_NAME = '<stdin>';

export interface ReadOptions {
  /** Told the number of bytes read from the input so far (before any gunzip), for progress reports. */
  onRead?: (bytes: number) => void;
  /** Told the container format once it is recognised (inside any gzip), before the first record (-w writes the same). */
  onFormat?: (format: 'pcap' | 'pcapng') => void;
}

/** Records of a capture file (pcap, pcapng, either gzipped), streamed; path '-' reads standard input. */
export function openCapture(path: string, opts: ReadOptions = {}): AsyncGenerator<CaptureRecord> {
  return flatten(openCaptureBatches(path, opts));
}

/** A capture arriving on a stream (a live capture's pipe), with the name CaptureErrors give it. */
export interface CaptureStream {
  stream: Readable;
  name: string;
}

/** The same records in batches, one per chunk of input (never empty). */
export function openCaptureBatches(path: string | CaptureStream, opts: ReadOptions = {}): AsyncGenerator<CaptureRecord[]> {
  if (typeof path !== 'string') return readCaptureBatches(path.stream, path.name, opts);
  if (path === '-') return readCaptureBatches(process.stdin, STDIN_NAME, opts);
  return readCaptureBatches(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }), path, opts);
}

/** Records of a capture arriving on any stream, read with backpressure; `name` goes into CaptureErrors. */
export function readCapture(input: NodeJS.ReadableStream | Readable, name: string, opts: ReadOptions = {}): AsyncGenerator<CaptureRecord> {
  return flatten(readCaptureBatches(input, name, opts));
}

async function* readCaptureBatches(
  input: NodeJS.ReadableStream | Readable,
  name: string,
  opts: ReadOptions = {},
): AsyncGenerator<CaptureRecord[]> {
  const source = asBuffers(input as AsyncIterable<Buffer | string>, opts.onRead);
  try {
    yield* readChunks(source, name, opts.onFormat);
  } finally {
    await source.return(undefined); // releases (destroys) the stream when the reader stops early
  }
}

async function* readChunks(source: AsyncIterable<Buffer>, name: string, onFormat: ReadOptions['onFormat']): AsyncGenerator<CaptureRecord[]> {
  const { head, chunks } = await peekStart(guardChunks(source, name), SNIFF_LENGTH);
  if (head.length === 0) throw new CaptureError('empty', name, 'file is empty');
  const format = sniffFormat(head);
  switch (format?.kind) {
    case 'gzip':
      yield* readChunks(pipeline(Readable.from(chunks), createGunzip(), () => {}), name, onFormat);
      return;
    case 'pcap':
      onFormat?.('pcap');
      yield* readPcap(chunks, format, name);
      return;
    case 'pcapng':
      onFormat?.('pcapng');
      yield* readPcapng(chunks, name);
      return;
    case undefined: {
      const start = [...head.subarray(0, SNIFF_LENGTH)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
      throw new CaptureError('not-a-capture', name, `not a capture file (starts with ${start})`);
    }
  }
}
