import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { UsageError } from './options.js';

/**
 * `-o FILE`: opened before any capture is read, so a path that cannot be written fails at once (one line,
 * exit 1) rather than after a long study.
 */
export function openOutputFile(path: string): WriteStream {
  try {
    return createWriteStream(path, { fd: openSync(path, 'w') });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UsageError(`${path}: cannot write (${code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : message})`);
  }
}

/** Flushes and closes the file once everything is written. */
export const closeOutputFile = (stream: WriteStream): Promise<void> => new Promise((resolve) => stream.end(resolve));
