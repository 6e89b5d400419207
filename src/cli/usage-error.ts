/** A mistake in the command line: its message is the one line printed on stderr (exit code 1). */
export class UsageError extends Error {}
