/** One line of the end summary on stderr; `what` names the capture where several are told apart. */
export function reportLine(stderr: NodeJS.WritableStream, text: string, what?: string): void {
  stderr.write(`icq2-dissect: ${what === undefined ? '' : `${what}: `}${text}\n`);
}
