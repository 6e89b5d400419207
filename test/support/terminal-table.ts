import { Writable } from 'node:stream';
import { dissectCaptureBatches } from '../../src/dissect/dissect-capture.js';
import { printPdus } from '../../src/cli/dissect-command.js';
import { buildParser, toOptions } from '../../src/cli/options.js';
import { OutputSink } from '../../src/cli/output-sink.js';
import { findTable } from '../../src/protocol/registry.js';

/** The default table as the CLI prints it on a terminal `columns` wide, or piped (undefined; in-process: a test has no TTY). */
export async function terminalTable(path: string, columns: number | undefined, color: boolean, extra: string[] = []): Promise<string> {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const options = toOptions(buildParser([...extra, path]).parseSync());
  await printPdus(dissectCaptureBatches(path, options), options, undefined, {
    sink: new OutputSink(stream),
    color,
    terminalColumns: columns,
    summaryFor: (pdu) => (pdu.command === null ? undefined : findTable(pdu.direction, pdu.command.code)?.summary),
  });
  return text;
}
