import type { Pdu } from '../dissect/pdu.js';
import { CONTACT_LIST_RULE } from '../protocol/pairing.js';
import { unlistedNote } from './analysis-notes.js';
import { findField } from './field-value.js';
import type { FactLog } from './fact-log.js';
import { findFields } from './filter-values.js';

/**
 * Beyond this many UINs listed in one session the check stops for the rest of it: a UIN forgotten would
 * read as never listed, and a false alarm is worse than none. Real contact lists are far shorter.
 */
export const MAX_LISTED_UINS = 4096;

const { list, notifications } = CONTACT_LIST_RULE;

/**
 * The document's membership rule (CONTACT_LIST_RULE) for one session: once the client has sent a contact
 * list, each notification from the server must name a UIN one of its lists named. Before the first list
 * (the capture may begin mid-session) nothing is checked. UINs are taken as the PDU reads them.
 */
export class ContactListCheck {
  /** Undefined until a list is seen, and again once more than MAX_LISTED_UINS were listed. */
  private listed: Set<number> | undefined;
  private overflowed = false;
  /** Frame of the first list with a warning on its contacts (a UIN the dissector thinks misread), or 0. */
  private doubtedFrame = 0;

  constructor(private readonly results: FactLog) {}

  /** Call with the first copy of each PDU (a retransmission says nothing new). */
  observe(pdu: Pdu, ordinal: number): void {
    const name = pdu.command?.name;
    if (name === list.command && pdu.direction === list.direction) {
      this.learn(pdu);
      return;
    }
    if (this.listed === undefined) return;
    const index = notifications.findIndex((n) => n.command === name && n.direction === pdu.direction);
    if (index < 0) return;
    const uin = findField(pdu, notifications[index]!.field)?.value;
    if (typeof uin === 'number' && !this.listed.has(uin)) this.results.addNote(ordinal, unlistedNote(index, uin, this.doubtedFrame));
  }

  private learn(pdu: Pdu): void {
    if (this.overflowed) return;
    const contacts = findField(pdu, list.field);
    if (contacts === undefined) return;
    if (this.doubtedFrame === 0 && pdu.notes.some((n) => n.severity !== 'note' && n.field === list.field)) this.doubtedFrame = pdu.frame;
    this.listed ??= new Set();
    for (const item of findFields(contacts.fields ?? [], list.item)) {
      if (typeof item.value === 'number') this.listed.add(item.value);
    }
    if (this.listed.size > MAX_LISTED_UINS) {
      this.listed = undefined;
      this.overflowed = true;
    }
  }
}
