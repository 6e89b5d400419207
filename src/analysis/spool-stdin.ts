import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { STDIN_NAME, type CaptureInput } from '../capture/open.js';
import { CaptureError } from '../capture/record.js';

/**
 * Copies standard input (or any stream) to a private temporary file, so a two-pass analysis can read it
 * twice. Returns the file's path; remove it with `removeSpool` when done.
 */
export async function spoolStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'icq2-dissect-'));
  const path = join(directory, 'stdin.capture');
  try {
    await pipeline(input, createWriteStream(path));
  } catch (error) {
    await removeSpool(path);
    throw error;
  }
  return path;
}

/** Removes a file made by `spoolStdin` and its directory. */
export async function removeSpool(path: string): Promise<void> {
  await rm(dirname(path), { recursive: true, force: true });
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
  const spooled: string[] = [];
  const release = async () => {
    for (const path of spooled) await removeSpool(path);
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
        const path = await spoolStdin(file === '-' ? process.stdin : createReadStream(file)).catch((error: Error) => {
          throw new CaptureError('io', name, `cannot read (${error.message})`);
        });
        spooled.push(path);
        inputs.push({ path, name });
      }
    }
    return { inputs, release };
  } catch (error) {
    await release();
    throw error;
  }
}
