import type { Analysis, Note } from '../dissect/pdu.js';
import { GrowableColumn } from './growable-column.js';

const frameColumn = (): GrowableColumn<Int32Array> => new GrowableColumn((n) => new Int32Array(n), 0);
const secondsColumn = (): GrowableColumn<Float64Array> => new GrowableColumn((n) => new Float64Array(n), NaN);

/**
 * What pass 1 learns about each PDU, keyed by its ordinal (0-based position in the capture's PDU
 * stream): frame numbers and seconds in typed arrays, the rare lists in sparse maps.
 */
export class PduResults {
  /** Session id (1-based; 0 = none). */
  readonly session = frameColumn();
  readonly acks = frameColumn();
  readonly ackedBy = frameColumn();
  readonly retransmissionOf = frameColumn();
  readonly responseTo = frameColumn();
  readonly ackRtt = secondsColumn();
  readonly responseTime = secondsColumn();
  private readonly responses = new Map<number, number[]>();
  private readonly notes = new Map<number, Note[]>();

  addResponse(ordinal: number, frame: number): void {
    append(this.responses, ordinal, frame);
  }

  addNote(ordinal: number, note: Note): void {
    append(this.notes, ordinal, note);
  }

  notesOf(ordinal: number): readonly Note[] {
    return this.notes.get(ordinal) ?? [];
  }

  /** The per-PDU `analysis` object, with only the keys that apply. */
  analysisOf(ordinal: number): Analysis {
    const analysis: Analysis = {};
    const frame = (column: GrowableColumn<Int32Array>): number | undefined => column.get(ordinal) || undefined;
    const seconds = (column: GrowableColumn<Float64Array>): number | undefined => {
      const value = column.get(ordinal);
      return Number.isNaN(value) ? undefined : value;
    };
    const set = <K extends keyof Analysis>(key: K, value: Analysis[K] | undefined): void => {
      if (value !== undefined) analysis[key] = value;
    };
    set('acks', frame(this.acks));
    set('ackedBy', frame(this.ackedBy));
    set('ackRtt', seconds(this.ackRtt));
    set('retransmissionOf', frame(this.retransmissionOf));
    set('responseTo', frame(this.responseTo));
    const responses = this.responses.get(ordinal);
    set('responses', responses && [...responses]);
    set('responseTime', seconds(this.responseTime));
    return analysis;
  }
}

function append<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
