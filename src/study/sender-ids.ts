import type { Pdu } from '../dissect/pdu.js';

/** Senders numbered at once; later ones are studied without their own per-sender values (-1). */
const MAX_SENDERS = 65_536;

/**
 * Who sent a PDU, as a number: its UIN when it carries one, else its endpoint. One look-up per PDU,
 * keyed by the UIN itself where there is one (no string made per PDU); the study keys its
 * per-sender counts by the number and names it only in the report.
 */
export class SenderIds {
  private readonly byUin = new Map<number, number>();
  private readonly byEndpoint = new Map<string, number>();
  private readonly names: string[] = [];

  idOf(pdu: Pdu): number {
    const { uin } = pdu;
    const known = typeof uin === 'number' ? this.byUin.get(uin) : this.byEndpoint.get(pdu.src);
    if (known !== undefined) return known;
    if (this.names.length >= MAX_SENDERS) return -1;
    const id = this.names.length;
    if (typeof uin === 'number') this.byUin.set(uin, id);
    else this.byEndpoint.set(pdu.src, id);
    this.names.push(typeof uin === 'number' ? String(uin) : pdu.src);
    return id;
  }

  nameOf(id: number): string {
    return this.names[id]!;
  }
}
