import yargs from 'yargs';
import { parseFilterOption } from './filter-option.js';
import { filterSchemaOf } from './filter-schema.js';
import { registryFromOption } from './layouts-option.js';
import { checkCharset, udpPortsFrom, UsageError, withSharedOptions } from './options.js';
import { runUnknowns, type UnknownsArgs } from './unknowns-command.js';

/** `icq2-dissect unknowns FILE... [-T table|json|csv|html] [-o FILE] [-Y FILTER] [--command NAME] [--field NAME] [--min-count N]`. */
export async function runUnknownsCommand(argv: readonly string[]): Promise<number> {
  const unknowns = yargs([...argv])
    .scriptName('icq2-dissect unknowns')
    .usage(
      'Usage: icq2-dissect unknowns FILE|-... [-T table|json|csv|html] [-o FILE] [-Y FILTER] [--command NAME] [--field NAME] [--min-count N] [--propose] [--layouts FILE]\n\n' +
        'Studies the unknown fields of one capture or many: every X-field and every word of every undescribed body,\n' +
        'per command and direction, with its values and the pattern that explains them best.\n' +
        '-T html writes one self-contained page with a histogram and a plot over time per field: -T html -o study.html',
    )
    .option('T', { type: 'string', choices: ['table', 'json', 'csv', 'html'], default: 'table', describe: 'output format' })
    .option('o', { alias: 'output', type: 'string', describe: 'write to this file instead of stdout' })
    .option('Y', { alias: 'filter', type: 'string', describe: 'study only the PDUs this display filter keeps' })
    .option('command', { type: 'string', describe: 'only this command (name or alias)' })
    .option('field', { type: 'string', describe: 'only this field (X1, UNDESCRIBED, TRAILER ...)' })
    .option('min-count', { type: 'number', describe: 'only fields seen at least N times' })
    .option('propose', { type: 'boolean', default: false, describe: 'write a proposed layout for each undescribed body (a --layouts file) instead of the report' });
  const parser = withSharedOptions(unknowns);
  const args = parser.parseSync();
  if (args.h) {
    process.stdout.write((await parser.getHelp()) + '\n');
    return 0;
  }
  const files = args._.map(String);
  if (files.length === 0) throw new UsageError('unknowns needs at least one capture file (or - for stdin)');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  const minCount = args['min-count'];
  if (minCount !== undefined && (!Number.isInteger(minCount) || minCount < 1)) throw new UsageError(`--min-count needs a positive whole number (got ${minCount})`);
  checkCharset(args.charset);
  const registry = registryFromOption(args.layouts);
  return runUnknowns({
    files,
    format: args.T as UnknownsArgs['format'],
    ...(args.o === undefined ? {} : { output: args.o }),
    filter: parseFilterOption(args.Y, filterSchemaOf(registry)),
    registry,
    propose: args.propose,
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    ...(args.command === undefined ? {} : { command: args.command }),
    ...(args.field === undefined ? {} : { field: args.field }),
    ...(minCount === undefined ? {} : { minCount }),
  });
}
