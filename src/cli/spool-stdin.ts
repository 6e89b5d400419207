import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { STDIN_NAME, type CaptureInput } from '../capture/open.js';
import { CaptureError } from '../capture/record.js';
import { onInterrupt } from './interrupt.js';

/** A private temporary copy of a stream, removed by `remove`, or by Ctrl-C and SIGTERM before that. */
export interface Spool {
  path: string;
  remove(): Promise<void>;
}

/**
 * Copies standard input (or any stream) to a private temporary file, so a two-pass analysis can read it
 * twice. The copy is removed on an interrupt from the moment its directory exists (a big stdin is still
 * being copied when Ctrl-C comes).
 */
export async function spoolStdin(input: NodeJS.ReadableStream = process.stdin): Promise<Spool> {
  // Made and registered in one synchronous step: no signal can come between the two.
  const directory = mkdtempSync(join(tmpdir(), 'icq2-dissect-'));
  const forget = onInterrupt(() => rmSync(directory, { recursive: true, force: true }));
  const spool: Spool = {
    path: join(directory, 'stdin.capture'),
    async remove() {
      await rm(directory, { recursive: true, force: true });
      forget();
    },
  };
  try {
    await pipeline(input, createWriteStream(spool.path));
  } catch (error) {
    await spool.remove();
    throw error;
  }
  return spool;
}

/** The captures as the readers take them; `release` removes the spooled copies. */
export interface PreparedInputs {
  inputs: CaptureInput[];
  release(): Promise<void>;
}

/**
 * The files named on the command line made ready to read: a missing one is refused before anything is
 * read; standard input ('-'), a named pipe and a process substitution (/dev/fd/63) are streams that can
 * be read only once, so when `readTwice` (the analysis reads ahead of the output) each is spooled to a
 * temporary file first, keeping its name for errors.
 */
export async function prepareInputs(files: readonly string[], readTwice: boolean): Promise<PreparedInputs> {
  const spooled: Spool[] = [];
  const release = async () => {
    for (const spool of spooled) await spool.remove();
  };
  try {
    const inputs: CaptureInput[] = [];
    for (const file of files) {
      const name = file === '-' ? STDIN_NAME : file;
      const status = file === '-' ? undefined : await stat(file).catch((error: NodeJS.ErrnoException) => error);
      if (status instanceof Error && status.code === 'ENOENT') throw new CaptureError('missing', name, 'no such file');
      // Anything but a regular file or a directory (which the reader refuses) is read as a stream.
      const isStream = status === undefined || (!(status instanceof Error) && !status.isFile() && !status.isDirectory());
      if (!readTwice || !isStream) inputs.push({ path: file, name });
      else {
        const spool = await spoolStdin(file === '-' ? process.stdin : createReadStream(file)).catch((error: Error) => {
          throw new CaptureError('io', name, `cannot read (${error.message})`);
        });
        spooled.push(spool);
        inputs.push({ path: spool.path, name });
      }
    }
    return { inputs, release };
  } catch (error) {
    await release();
    throw error;
  }
}
