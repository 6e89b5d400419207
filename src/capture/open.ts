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

/** A capture arriving on a stream (a live capture's pipe), with the name CaptureErrors give it. */
export interface CaptureStream {
  stream: Readable;
  name: string;
}

/** A capture file by path ('-' for standard input) or a stream, with the name its errors give (a spooled copy keeps the original's). */
export type CaptureInput = { path: string; name: string } | CaptureStream;

/** One capture by path or stream, or several read one after the other as one. */
export type CaptureSource = string | CaptureStream | readonly CaptureInput[];

export interface ReadOptions {
  /** Told the number of bytes read from the input so far (before any gunzip, over all files), for progress reports. */
  onRead?: (bytes: number) => void;
  /** Told the container format once it is recognised (inside any gzip), before the first record (-w writes the same). */
  onFormat?: (format: 'pcap' | 'pcapng') => void;
}

/** Records of capture files (pcap, pcapng, either gzipped), streamed; path '-' reads standard input. */
export function openCapture(source: CaptureSource, opts: ReadOptions = {}): AsyncGenerator<CaptureRecord> {
  return flatten(openCaptureBatches(source, opts));
}

/**
 * The same records in batches, one per chunk of input (never empty). Several captures are read in the
 * order given with their frame numbers continuing, as `mergecap -a` concatenates them: the second
 * file's frame 1 follows the first file's last. A damaged file ends the reading (its CaptureError names it).
 */
export async function* openCaptureBatches(source: CaptureSource, opts: ReadOptions = {}): AsyncGenerator<CaptureRecord[]> {
  const inputs = typeof source === 'string' ? [{ path: source, name: source === '-' ? STDIN_NAME : source }] : Array.isArray(source) ? source : [source as CaptureStream];
  let framesBefore = 0;
  let bytesBefore = 0;
  for (const input of inputs) {
    let bytes = 0;
    const { onRead } = opts;
    const counted: ReadOptions = {
      ...opts,
      ...(onRead && {
        onRead: (n: number) => {
          bytes = n;
          onRead(bytesBefore + n);
        },
      }),
    };
    let last = framesBefore;
    for await (const batch of readCaptureBatches(streamOf(input), input.name, counted)) {
      if (framesBefore > 0) for (const record of batch) record.index += framesBefore;
      last = batch[batch.length - 1]!.index;
      yield batch;
    }
    framesBefore = last;
    bytesBefore += bytes;
  }
}

function streamOf(input: CaptureInput): NodeJS.ReadableStream | Readable {
  if ('stream' in input) return input.stream;
  return input.path === '-' ? process.stdin : createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES });
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
