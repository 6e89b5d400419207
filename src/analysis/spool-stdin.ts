import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Copies standard input to a private temporary file, so a two-pass analysis can read it twice.
 * Returns the file's path; remove it with `removeSpool` when done.
 */
export async function spoolStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'icq2-dissect-'));
  const path = join(directory, 'stdin.capture');
  await pipeline(input, createWriteStream(path));
  return path;
}

/** Removes a file made by `spoolStdin` and its directory. */
export async function removeSpool(path: string): Promise<void> {
  await rm(dirname(path), { recursive: true, force: true });
}
