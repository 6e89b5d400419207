/** Where a command writes: the process's own streams, or in-process readers (the fuzz harness, tests). */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}
