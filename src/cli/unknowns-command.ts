import type { WriteStream } from 'node:fs';
import { CaptureError } from '../capture/record.js';
import { dissectCaptureBatches } from '../dissect/dissect-capture.js';
import { IcqTraffic } from '../net/icq-traffic.js';
import type { FilterNode } from '../analysis/filter-parse.js';
import { layoutsDocument } from '../protocol/layout-file.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { StudyRun } from '../study/study-run.js';
import type { StudyOptions } from '../study/study.js';
import { createStyle } from '../format/style.js';
import { studyHtml } from '../format/study-html.js';
import { studyCsv, studyTableSlices } from '../format/study-table.js';
import { reportCaptureError } from './capture-error.js';
import { withCaptureInputs } from './capture-inputs.js';
import { reportNoIcq } from './no-icq-report.js';
import { reportDropped } from './dropped-report.js';
import { decideColor } from './color.js';
import { closeOutputFile, openOutputFile } from './output-file.js';
import { OutputSink } from './output-sink.js';
import { progressFor, withProgress, type ProgressChoice } from './progress.js';
import type { CliIo } from './cli-io.js';

export interface UnknownsArgs extends StudyOptions {
  files: string[];
  format: 'table' | 'json' | 'csv' | 'html';
  /** -o: the file to write instead of stdout. */
  output?: string;
  filter: FilterNode | undefined;
  charset: string;
  udpPorts: number[];
  /** Write proposed layouts for the undescribed bodies (a --layouts file) instead of the report. */
  propose: boolean;
  /** The tables to read with (--layouts: the built-in ones with the file's layouts on top). */
  registry: CommandRegistry;
  /** --progress / --no-progress (a line per capture). */
  progress?: ProgressChoice;
}

const NAME = 'icq2-dissect';

/** `icq2-dissect unknowns FILE...`: the study of every capture in turn, then one report. Returns the exit code (2: a capture was cut short, as tshark). */
export async function runUnknowns(args: UnknownsArgs, io: CliIo = process): Promise<number> {
  return withCaptureInputs(args.files, false, io.stderr, async (inputs) => {
    const outputFile = args.output === undefined ? undefined : openOutputFile(args.output);
    const run = new StudyRun(args, args.registry, args.filter);
    let code = 0;
    // Each capture is studied as its own (its sessions and frames), into one report.
    for (const input of inputs) {
      const traffic = new IcqTraffic({ udpPorts: args.udpPorts });
      try {
        const progress = progressFor(args.progress, [input], outputFile ? 'file' : 'stdout');
        await run.addCapture(withProgress(progress, (hooks) => dissectCaptureBatches([input], { charset: args.charset, udpPorts: args.udpPorts, registry: args.registry, depth: 'lean', traffic, ...hooks })));
        reportNoIcq(io.stderr, traffic, inputs.length > 1 ? input.name : undefined);
        reportDropped(io.stderr, traffic, inputs.length > 1 ? input.name : undefined);
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error;
        code = Math.max(code, reportCaptureError(io.stderr, error));
      }
    }
    return Math.max(code, await writeReport(run, args, io, outputFile));
  });
}

/** The report (or the proposed layouts) to stdout or the -o file; 1 when it could not be written. */
async function writeReport(run: StudyRun, args: UnknownsArgs, io: CliIo, outputFile: WriteStream | undefined): Promise<number> {
  const reports = run.reports();
  for (const h of run.hypotheses()) {
    io.stderr.write(`${NAME}: note: layout "${h.layout}" (${h.direction} ${h.command}) reads ${h.read} of ${h.of} PDUs of its command exactly\n`);
  }
  const sink = new OutputSink(outputFile ?? io.stdout);
  if (args.propose) await sink.write(JSON.stringify(layoutsDocument(run.proposals()), null, 2) + '\n');
  else if (args.format === 'json') await sink.write(JSON.stringify(reports, null, 2) + '\n');
  else if (args.format === 'csv') await sink.write(studyCsv(reports));
  else if (args.format === 'html') await sink.write(studyHtml(reports, { files: args.files }));
  else for (const slice of studyTableSlices(reports, createStyle(decideColor('auto', process.env, outputFile === undefined && io.stdout.isTTY === true)))) await sink.write(slice);
  if (outputFile) await closeOutputFile(outputFile);
  if (!sink.error) return 0;
  io.stderr.write(`${NAME}: cannot write the output: ${sink.error.message}\n`);
  return 1;
}
