import type { Analysis, ClientObservation, ClientSoftware, Field, FrameSize, Note, Pdu } from '../dissect/pdu.js';
import { plural } from '../protocol/plural.js';
import { commandLabel } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';
import { fieldReading, hexOffset, unknownMark } from './field-reading.js';
import { fitLine } from './fit-line.js';
import { isNotIcq } from './expert-tags.js';
import type { Style } from './style.js';

/**
 * -V: the whole PDU as a tree, tshark style. One line per field:
 *   NAME: reading (raw value) [unknown]  @offset+length hex  expected HEX — description
 * (the offset in hex from the PDU's first byte, as the -x legend's; the length in bytes)
 * nested fields indented under their group, notes ([severity id] message) under the field they concern,
 * PDU-level notes and the analysis at the end.
 */

const INDENT = '    ';
/** Long fields (a message) keep the tree readable; every byte is in -x and JSON anyway. */
const MAX_HEX_CHARS = 48;

function severityTag(style: Style, note: Note): string {
  const paint = note.severity === 'error' ? style.red : note.severity === 'warning' ? style.yellow : style.cyan;
  return paint(`[${note.severity} ${note.id}]`);
}

function noteLine(style: Style, note: Note, depth: number): string {
  return `${INDENT.repeat(depth)}${severityTag(style, note)} ${escapeText(note.message)}`;
}

/** Each note goes under the first field it names; `pending` keeps the ones not yet placed. */
function fieldLines(style: Style, fields: readonly Field[], pending: Set<Note>, depth: number, lines: string[]): void {
  for (const field of fields) {
    const hex = field.hex.length > MAX_HEX_CHARS ? `${field.hex.slice(0, MAX_HEX_CHARS)}…` : field.hex;
    const expected = field.expected !== undefined && field.expected !== field.hex ? `  expected ${field.expected}` : '';
    lines.push(
      `${INDENT.repeat(depth)}${style.bold(field.name)}: ${fieldReading(field)}${unknownMark(style, field)}  @${hexOffset(field.offset)}+${field.length} ${hex}${expected} — ${escapeText(field.description)}`,
    );
    for (const note of pending) {
      if (note.field !== field.name) continue;
      lines.push(noteLine(style, note, depth + 1));
      pending.delete(note);
    }
    if (field.fields) fieldLines(style, field.fields, pending, depth + 1, lines);
  }
}

function observationText(o: ClientObservation): string {
  return `frame ${o.frame} ${o.command} ${o.field}: ${o.observed}${o.signature === o.observed ? '' : `, signature ${o.signature}`}`;
}

/** The session's fingerprint, on its first PDU only (the one with the evidence), each observation on a line of its own. */
function clientLines(client: ClientSoftware | undefined): string[] {
  if (client?.evidence === undefined) return [];
  return [
    `${INDENT}[analysis] client ${client.software}${client.evidence.length === 0 ? '' : ` (confidence ${client.confidence})`}`,
    ...client.evidence.map((o) => `${INDENT.repeat(2)}fits: ${observationText(o)}`),
    ...(client.mismatches ?? []).map((o) => `${INDENT.repeat(2)}does not fit ${o.software}: ${observationText(o)}`),
  ];
}

const ANALYSIS_TEXT: { [K in keyof Required<Analysis>]: (value: NonNullable<Analysis[K]>) => string } = {
  acks: (frame) => `acknowledges frame ${frame}`,
  ackedBy: (frame) => `acknowledged by frame ${frame}`,
  ackRtt: (seconds) => `acknowledgement after ${seconds} s`,
  ackRttAmbiguous: () => "the RTT is ambiguous: the packet was sent more than once, so the ACK may answer an earlier copy (Karn's rule)",
  retransmissionOf: (frame) => `retransmission of frame ${frame}`,
  retransmittedIn: (frames) => `retransmitted in frame${frames.length === 1 ? '' : 's'} ${frames.join(', ')}`,
  responseTo: (frame) => `response to frame ${frame}`,
  responses: (frames) => `answered by frame${frames.length === 1 ? '' : 's'} ${frames.join(', ')}`,
  responseTime: (seconds) => `response after ${seconds} s`,
  responseTimeAmbiguous: () => 'the response time is ambiguous: the request was sent more than once, so it may answer a later copy',
};

function analysisLines(analysis: Analysis): string[] {
  return (Object.keys(ANALYSIS_TEXT) as Array<keyof Analysis>)
    .filter((key) => analysis[key] !== undefined)
    .map((key) => `${INDENT}[analysis] ${(ANALYSIS_TEXT[key] as (value: unknown) => string)(analysis[key])}`);
}

/** tshark's words for a frame's size: "74 bytes on wire (592 bits), 74 bytes captured (592 bits), ". */
const frameSizeText = (size: FrameSize | undefined): string =>
  size === undefined ? '' : `${plural(size.onWire, 'byte')} on wire (${size.onWire * 8} bits), ${plural(size.captured, 'byte')} captured (${size.captured * 8} bits), `;

/**
 * `frameSize`: the sizes of the frame that completes the PDU (absent for a PDU made without a capture);
 * `columns`: the terminal's width, each line fitted to it; undefined (piped): lines as long as they are, as tshark -V.
 */
export function renderTree(pdu: Pdu, style: Style, frameSize?: FrameSize, columns?: number): string {
  const frames = pdu.frames.length > 1 ? ` reassembled from frames ${pdu.frames.join(', ')}` : '';
  // A command nobody names is its code already: said once.
  const command = pdu.command === null ? 'not decoded' : pdu.command.name === null ? commandLabel(pdu) : `${pdu.command.name} (0x${pdu.command.code.toString(16).padStart(4, '0')})`;
  const aliases = pdu.command?.aliases?.length ? ` aka ${pdu.command.aliases.join(', ')}` : '';
  const named = pdu.command?.source ? ` (named by ${pdu.command.source}, not in the document)` : '';
  // The frame's size on the first line as tshark gives it; the PDU's own on the ICQ line.
  const header = [
    `Frame ${pdu.frame}: ${frameSizeText(frameSize)}${pdu.time.absolute} ${pdu.transport} ${pdu.src} → ${pdu.dst} ${pdu.direction}` +
      (pdu.session === undefined ? '' : `, session ${pdu.session}`),
    style.bold(
      (isNotIcq(pdu) ? 'Not ICQ' : `ICQ v${pdu.version ?? '?'} ${command}${aliases}${named}`) +
        `, ${plural(pdu.length, 'byte')}${frames}` +
        (typeof pdu.seq === 'number' ? `, seq ${pdu.seq}` : '') +
        (typeof pdu.uin === 'number' ? `, uin ${pdu.uin}` : '') +
        (pdu.layout === undefined ? '' : `, layout ${pdu.layout}`) +
        (pdu.variant === undefined ? '' : `, read as ${pdu.variant}`),
    ),
  ];
  const lines = [...header];
  const pending = new Set(pdu.notes);
  fieldLines(style, pdu.fields, pending, 1, lines);
  for (const note of pending) lines.push(noteLine(style, note, 1));
  if (pdu.analysis) lines.push(...analysisLines(pdu.analysis));
  lines.push(...clientLines(pdu.client));
  return lines.map((line) => fitLine(line, columns)).join('\n') + '\n';
}
