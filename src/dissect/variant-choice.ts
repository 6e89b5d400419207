import { CLIENT_VARIANTS, type ClientVariant } from '../protocol/client-variants.js';
import { ACK_RULE } from '../protocol/pairing.js';
import type { CommandTable } from '../protocol/types.js';
import type { Field, Note } from './pdu.js';
import type { Value } from './walk.js';
import { note } from '../net/note-kinds.js';
import { plural } from '../protocol/plural.js';

/** What the choice reads of a PDU decoded one way. */
export interface CandidateReading {
  table: CommandTable | undefined;
  fields: Field[];
  notes: Note[];
  values: Map<string, Value>;
}

/**
 * Which way a session's packets read: in the document's byte orders or a client variant's
 * (src/protocol/client-variants.ts). Chosen per session, not per packet: while undecided, each packet is
 * read every way and the ways are scored by how much sense their values make; once one way leads by
 * DECISIVE_LEAD it holds for the rest of the session (a note on that PDU says what chose it). Until then the
 * leading way reads each packet. A layout that merely fits is no proof: the values are weighed.
 */

/** Cost of a complaint in a reading: an error is a LENGTH past the end or a count that does not fit. */
export const COST = { error: 10, warning: 2, note: 3 } as const;
/** A SEQ_NUM one to three above the previous one (a client's own numbering) is worth this much. */
export const RUN_BONUS = 3;
export const DECISIVE_LEAD = 5;
/** After this many packets without a decision, the leading way is kept (the document's on a tie). */
export const MAX_UNDECIDED_PACKETS = 16;
/** The header field whose run of numbers is a client's own numbering. */
export const RUN_FIELD = 'SEQ_NUM';
/** Sessions remembered at once (each a few numbers); the oldest is forgotten and chosen again if it returns. */
export const MAX_CHOICE_SESSIONS = 4096;

interface Way {
  variant: ClientVariant | undefined;
  cost: number;
  complaints: number;
  example: string | undefined;
  runs: number;
  lastSeq: number | undefined;
}

interface SessionChoice {
  ways: Way[];
  decided: Way | undefined;
  packets: number;
}

/** Bits of magnitude of every integer in the reading: small numbers (high bytes 0) are the likelier order. */
function magnitude(fields: readonly Field[]): number {
  let bits = 0;
  for (const f of fields) {
    if (typeof f.value === 'number' && f.length >= 2) bits += Math.log2((f.value >>> 0) + 1);
    if (f.fields) bits += magnitude(f.fields);
  }
  return bits;
}

/** The variants a session's client packets choose among (a variant reads its own client's packets). */
export const CHOSEN_VARIANTS: readonly ClientVariant[] = CLIENT_VARIANTS.filter((v) => v.direction === 'client-to-server');

export class ClientVariantChoice {
  private readonly sessions = new Map<string, SessionChoice>();

  /** Reads a client packet of session `key`: `read(variant)` decodes it one way (undefined: the document's). */
  decode<D extends CandidateReading>(key: string, read: (variant: ClientVariant | undefined) => D): D {
    const session = this.session(key);
    if (session.decided) return read(session.decided.variant);
    session.packets++;
    const readings = session.ways.map((way) => read(way.variant));
    readings.forEach((reading, i) => this.weigh(session.ways[i]!, reading));
    const ranked = [...session.ways].sort((a, b) => a.cost - b.cost);
    const [best, next] = ranked as [Way, Way];
    const chosen = readings[session.ways.indexOf(best)]!;
    if (next.cost - best.cost >= DECISIVE_LEAD || session.packets >= MAX_UNDECIDED_PACKETS) {
      session.decided = best;
      if (best.variant) chosen.notes.push(note('client-variant', decisionText(best, session.ways)));
    } else if (best.variant) {
      chosen.notes.push(note('client-variant', `read as ${best.variant.name} (${best.variant.description}): leading, not settled yet`));
    }
    return chosen;
  }

  /** The variant session `key` is read with (decided, or leading so far); undefined: the document's. */
  leading(key: string): ClientVariant | undefined {
    const session = this.sessions.get(key);
    if (!session) return undefined;
    return (session.decided ?? session.ways.reduce((best, way) => (way.cost < best.cost ? way : best))).variant;
  }

  private session(key: string): SessionChoice {
    let session = this.sessions.get(key);
    if (session) return session;
    const ways = [undefined, ...CHOSEN_VARIANTS].map((variant): Way => ({ variant, cost: 0, complaints: 0, example: undefined, runs: 0, lastSeq: undefined }));
    session = { ways, decided: undefined, packets: 0 };
    this.sessions.set(key, session);
    if (this.sessions.size > MAX_CHOICE_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }

  private weigh(way: Way, reading: CandidateReading): void {
    for (const note of reading.notes) {
      way.cost += COST[note.severity];
      way.complaints++;
      way.example ??= note.message;
    }
    way.cost += magnitude(reading.fields) / 8;
    if (reading.table?.name === ACK_RULE.ack) return;
    const seq = reading.values.get(RUN_FIELD);
    if (typeof seq !== 'number') return;
    if (way.lastSeq !== undefined && seq - way.lastSeq >= 1 && seq - way.lastSeq <= 3) {
      way.cost -= RUN_BONUS;
      way.runs++;
    }
    way.lastSeq = seq;
  }
}

/** How one way read the packets so far: its complaints (the first quoted) and how often SEQ_NUM ran on. */
function reading(way: Way): string {
  const said = way.complaints === 0 ? 'without a complaint' : `with ${plural(way.complaints, 'complaint')} (first: "${way.example}")`;
  return `${said}${way.runs > 0 ? `, SEQ_NUM running on ${plural(way.runs, 'time')}` : ''}`;
}

function decisionText(chosen: Way, ways: readonly Way[]): string {
  const others = ways.filter((w) => w !== chosen).map((w) => `in ${w.variant ? `${w.variant.name}'s` : "the document's"}, ${reading(w)}`);
  const variant = chosen.variant!;
  return `client variant ${variant.name} chosen for this session (${variant.description}): in its byte orders the packets so far read ${reading(chosen)}; ${others.join('; ')}`;
}
