import type { Timestamp } from '../capture/record.js';
import type { Pending } from './pending-ordinals.js';
import type { ResendWatch } from './resend-watch.js';
import { SpentNumbers, type Spending } from './request-numbers.js';

/** One copy of a numbered packet as it was seen on the wire. */
export interface Copy {
  ordinal: number;
  frame: number;
  time: Timestamp;
  /** Held in `pending` until an ACK pairs with it or its packet is settled (set by record). */
  open: boolean;
  /** A first copy held a while after its ACK, for a copy sent again (set by ResendWatch). */
  watched: boolean;
  /** Frame of the ACK paired with this copy (0: none). */
  ackedBy: number;
}

/** A sequence number one side used, with every copy of it (the first, then retransmissions). */
export interface SentPacket {
  /** The 16-bit SEQ_NUM as on the wire. */
  seq: number;
  /** SEQ_NUM unwrapped past 65535 (the side's key for it). */
  number: number;
  /** Expected to be acknowledged (not an ACK-like command). */
  ackable: boolean;
  copies: Copy[];
}

/** Numbers a side skipped: seen from..to (wire values) never arrived, noticed at the packet after them. */
export interface Gap {
  from: number;
  to: number;
  ordinal: number;
  frame: number;
}

/** A number the side skipped because it spent it on a request number; noticed at the packet after it. */
export interface SkippedNumber extends Spending {
  seq: number;
  ordinal: number;
}

export interface SideEvents {
  gap(gap: Gap): void;
  skipped(number: SkippedNumber): void;
  unacknowledged(packet: SentPacket): void;
}

export interface SideStart {
  /** The number this side must start at (the server's 0 after a LOGIN); absent: the first one seen. */
  expectedFirst?: number;
  /** True when the numbering began in the capture (a LOGIN), false for a capture that starts mid-session. */
  startsInCapture: boolean;
}

/** What an ACK refers to: a packet, a number sent before the capture began, or nothing (stray). */
export type AckTarget = SentPacket | 'before-capture' | undefined;

/**
 * Beyond these, the oldest entries are settled early so memory stays bounded on long sessions. A side's
 * last 512 numbers are remembered (about 250 bytes each): a client retransmits or is acknowledged within a
 * few numbers, and 4096 made 200 clients' sessions hold 200 MB before the limit was reached.
 */
export const MAX_TRACKED_NUMBERS = 512;
/**
 * Acknowledged packets are kept only this long (the newest 64 per side), so a copy sent again after its
 * ACK, or a duplicate ACK, is still recognised: clients resend within seconds, while a side's memory
 * would otherwise grow with every number it uses.
 */
const MAX_ACKNOWLEDGED = 64;
const MAX_OPEN_GAPS = 256;

interface OpenGap {
  from: number;
  to: number;
  ordinal: number;
  frame: number;
}

/**
 * The numbering of one side of a session in one login: which numbers were used, retransmitted,
 * skipped. Numbers are unwrapped past 65535 so a long session keeps counting upwards.
 */
export class SideTracker {
  private highest: number | undefined;
  private baseline: number | undefined;
  private readonly packets = new Map<number, SentPacket>();
  /** Packets whose every copy is acknowledged, oldest first (see MAX_ACKNOWLEDGED). */
  private readonly acknowledged: SentPacket[] = [];
  private readonly openGaps: OpenGap[] = [];
  /** The side's recent request numbers (as many as its tracked numbers): the gaps they explain are none. */
  private readonly spent = new SpentNumbers(MAX_TRACKED_NUMBERS);

  /** `pending` holds each copy until an ACK pairs with it or its packet is settled, and the packet after each open gap. */
  constructor(
    private readonly start: SideStart,
    private readonly events: SideEvents,
    private readonly pending: Pending,
    private readonly resends: ResendWatch,
  ) {}

  /** Whether this side has sent a numbered packet in this login. */
  get started(): boolean {
    return this.highest !== undefined;
  }

  /** The side wrote `seq` as one of its request numbers: a hole at that number is explained (call before `record`). */
  spend(seq: number, spending: Spending): void {
    this.spent.spend(this.unwrap(seq), spending);
  }

  /** Records a numbered packet; returns its entry and whether it repeats a number already used. */
  record(seq: number, copy: Copy, ackable: boolean): { packet: SentPacket; retransmission: boolean } {
    const number = this.unwrap(seq);
    const known = this.packets.get(number);
    this.pending.hold(copy.ordinal);
    copy.open = true;
    if (known) {
      known.copies.push(copy);
      return { packet: known, retransmission: true };
    }
    if (this.highest === undefined) {
      const first = this.start.expectedFirst ?? number;
      if (number > first) this.openHole(first, number - 1, copy);
      this.baseline = Math.min(first, number);
      this.highest = number;
    } else if (number > this.highest) {
      if (number > this.highest + 1) this.openHole(this.highest + 1, number - 1, copy);
      this.highest = number;
    } else {
      this.fillGap(number);
    }
    const packet: SentPacket = { seq, number, ackable, copies: [copy] };
    this.packets.set(number, packet);
    if (this.packets.size > MAX_TRACKED_NUMBERS) this.settleOldestPacket();
    return { packet, retransmission: false };
  }

  /** The packet an ACK carrying `seq` acknowledges. */
  ackTarget(seq: number): AckTarget {
    if (this.highest === undefined) return this.start.startsInCapture ? undefined : 'before-capture';
    const number = this.unwrap(seq);
    const packet = this.packets.get(number);
    if (packet) return packet;
    if (!this.start.startsInCapture && number < this.baseline!) return 'before-capture';
    return undefined;
  }

  /**
   * An ACK at `time` paired with the packet's latest copy: it covers every copy; the first one is watched
   * a while for a copy sent again (held before it is released, so `pending` keeps its order).
   */
  paired(packet: SentPacket, time: Timestamp): void {
    const first = packet.copies[0]!;
    if (first.open) this.resends.watch(first, time);
    for (const copy of packet.copies) this.release(copy);
    this.acknowledged.push(packet);
    if (this.acknowledged.length <= MAX_ACKNOWLEDGED) return;
    const old = this.acknowledged.shift()!;
    // Unless it was sent again since (a new copy waits for its ACK), or its number is another packet's now.
    if (this.packets.get(old.number) === old && old.copies.every((copy) => !copy.open)) this.packets.delete(old.number);
  }

  private release(copy: Copy): void {
    if (!copy.open) return;
    copy.open = false;
    this.pending.release(copy.ordinal);
  }

  /** Settles what is still open: gaps never filled, packets never acknowledged. */
  close(): void {
    for (const gap of this.openGaps.splice(0)) this.settleGap(gap);
    for (const packet of this.packets.values()) this.settle(packet);
    this.packets.clear();
    this.acknowledged.length = 0;
    this.spent.clear();
  }

  private unwrap(seq: number): number {
    if (this.highest === undefined) return seq;
    const delta = (((seq - wire(this.highest)) << 16) >> 16);
    return this.highest + delta;
  }

  /** Numbers from..to were skipped: those spent on request numbers are explained at once, the rest are gaps. */
  private openHole(from: number, to: number, copy: Copy): void {
    let start = from;
    for (const [number, spending] of this.spent.within(from, to)) {
      if (number > start) this.openGap(start, number - 1, copy);
      this.events.skipped({ seq: wire(number), ...spending, ordinal: copy.ordinal });
      start = number + 1;
    }
    if (start <= to) this.openGap(start, to, copy);
  }

  private openGap(from: number, to: number, copy: Copy): void {
    this.openGaps.push({ from, to, ordinal: copy.ordinal, frame: copy.frame });
    this.pending.hold(copy.ordinal);
    if (this.openGaps.length > MAX_OPEN_GAPS) this.settleGap(this.openGaps.shift()!);
  }

  private settleGap(gap: OpenGap): void {
    this.events.gap(toGap(gap));
    this.pending.release(gap.ordinal);
  }

  /** A late packet inside a gap: the gap shrinks or splits (it arrived out of order, not lost). */
  private fillGap(number: number): void {
    const index = this.openGaps.findIndex((gap) => gap.from <= number && number <= gap.to);
    if (index < 0) return;
    const gap = this.openGaps[index]!;
    const pieces: OpenGap[] = [];
    if (gap.from < number) pieces.push({ ...gap, to: number - 1 });
    if (number < gap.to) pieces.push({ ...gap, from: number + 1 });
    this.openGaps.splice(index, 1, ...pieces);
    // Each piece is held on its own: a split holds once more, a gap filled completely is released.
    if (pieces.length === 2) this.pending.hold(gap.ordinal);
    if (pieces.length === 0) this.pending.release(gap.ordinal);
  }

  private settleOldestPacket(): void {
    const [number, packet] = this.packets.entries().next().value!;
    this.packets.delete(number);
    this.settle(packet);
  }

  private settle(packet: SentPacket): void {
    if (packet.ackable && packet.copies.every((copy) => copy.ackedBy === 0)) this.events.unacknowledged(packet);
    for (const copy of packet.copies) this.release(copy);
  }
}

/** The 16-bit number as it appears on the wire. */
function wire(number: number): number {
  return ((number % 0x10000) + 0x10000) % 0x10000;
}

function toGap(gap: OpenGap): Gap {
  return { from: wire(gap.from), to: wire(gap.to), ordinal: gap.ordinal, frame: gap.frame };
}
