/** What dumpcap is asked for and what it says: its arguments, its error text as one line, its drop counts. */

/** A live capture as the command line asked for it (src/cli/live-option.ts checks the values). */
export interface LiveCaptureSpec {
  /** -i: dumpcap's interface names or numbers (dumpcap -D), one or several. */
  interfaces: string[];
  /** -f: a capture filter (BPF) for every interface. */
  captureFilter: string | undefined;
  /** -a: dumpcap's stop conditions, `duration:SECONDS` or `packets:N`. */
  autostop: string[];
}

/** The name a live capture has in CaptureErrors (`icq2-dissect: dumpcap: ...`). */
export const DUMPCAP = 'dumpcap';

/** pcapng on stdout (-n, dumpcap's default, said anyway), without the running packet count on stderr (-q). */
export function dumpcapArguments(spec: LiveCaptureSpec): string[] {
  return [
    // Before the first -i, -f is every interface's filter.
    ...(spec.captureFilter === undefined ? [] : ['-f', spec.captureFilter]),
    ...spec.interfaces.flatMap((name) => ['-i', name]),
    ...spec.autostop.flatMap((condition) => ['-a', condition]),
    '-w',
    '-',
    '-n',
    '-q',
  ];
}

const PERMISSION_HINT = 'run as root, or join the wireshark group: sudo usermod -a -G wireshark $USER (Debian: sudo dpkg-reconfigure wireshark-common)';

/**
 * dumpcap's failure as one line: its `dumpcap: ...` line and the reason in brackets in the line after it
 * (`There is no device named "eth9". (No such device exists)`), without the paragraphs of advice.
 */
export function dumpcapFailure(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const start = lines.findIndex((line) => line.startsWith(`${DUMPCAP}: `));
  if (start < 0) {
    const last = lines.at(-1);
    return `exited with ${signal ?? `code ${code}`}${last === undefined ? '' : ` (${last})`}`;
  }
  const reason = /\([^)]*\)/.exec(lines[start + 1] ?? '')?.[0];
  const message = lines[start]!.slice(DUMPCAP.length + 2) + (reason === undefined ? '' : ` ${reason}`);
  return /permission/i.test(message) ? `${message}; ${PERMISSION_HINT}` : message;
}

/** dumpcap's `Capturing on 'Loopback: lo'` lines: said once the capture really runs. */
export function capturingOn(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('Capturing on '));
}

/** Packets the kernel or dumpcap dropped, summed over its `Packets received/dropped on interface 'lo': 5/0` lines. */
export function droppedPackets(stderr: string): number {
  let dropped = 0;
  for (const [, count] of stderr.matchAll(/^Packets received\/dropped on interface .*: \d+\/(\d+)/gm)) dropped += Number(count);
  return dropped;
}
