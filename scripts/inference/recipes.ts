import type { EncodeValues } from '../../src/protocol/encode.js';

/**
 * How the generated capture fills each scored command, field by field, with values a real session would
 * carry: the client's own UIN, IP and listening port, another logged-in client's where the field names a
 * remote user, a per-client count where the document's field is a sequence number (a reply repeats its
 * request's), text of varied lengths, and the document's values where it fixes them. Written through the
 * encoder from the real tables; a reply is preceded by the request it answers.
 */

export interface Party {
  ip: string;
  port: number;
  uin: number;
  /** The TCP port it listens on for peers. */
  listen: number;
}

export interface RecipeContext {
  me: Party;
  /** Another client of the capture (the remote user, the one searched for). */
  other: Party;
  /** How many times this client has sent (or been sent) this command, from 1: the sequence numbers. */
  n: number;
  pick<T>(choices: readonly T[]): T;
  /** Words up to `max` characters (at least `min`). */
  text(min: number, max: number): string;
  /** The capture's clock now, as RECEIVE_MESSAGE's date fields. */
  date: { YEAR: number; MONTH: number; DAY: number; HOUR: number; MINUTE: number };
}

export interface Recipe {
  /** The request a reply answers (sent by the client just before). */
  request?: (c: RecipeContext) => { command: string; values: EncodeValues };
  values: (c: RecipeContext) => EncodeValues;
}

/** Status values a client shows (online, away, N/A, occupied, DND, free for chat, invisible). */
const STATUSES = [0x00, 0x01, 0x05, 0x11, 0x13, 0x20, 0x100];
const COUNTRIES = [1, 44, 46, 49, 33, 0xffff];

const message = (c: RecipeContext): EncodeValues =>
  c.pick([1, 1, 1, 4]) === 4 ? { MESSAGE_TYPE: 4, MESSAGE: [c.text(3, 30), `http://example.org/${c.text(1, 20).replace(/ /g, '/')}`] } : { MESSAGE_TYPE: 1, MESSAGE: c.text(1, 120) };

const names = (c: RecipeContext): EncodeValues => ({ NICK_NAME: c.text(3, 12), FIRST_NAME: c.text(2, 10), LAST_NAME: c.text(2, 14), E_MAIL: c.pick(['', `${c.text(3, 8).replace(/ /g, '.')}@example.com`]) });

const userRecord = (seq: string, uin: string) => (c: RecipeContext): EncodeValues => ({ [seq]: c.n, [uin]: c.other.uin, ...names(c), AUTHORIZE: c.pick([0, 1]) });

const search = (c: RecipeContext) => ({ command: 'SEARCH_UIN', values: { SEARCH_SEQ_NUM: c.n, SEARCHED_UIN: c.other.uin } });
const infoRequest = (command: string) => (c: RecipeContext) => ({ command, values: { INFO_SEQ_NUM: c.n, QUERY_UIN: c.other.uin } });
const login = (c: RecipeContext): EncodeValues => ({ PORT: c.me.listen, PASSWORD: c.text(1, 8), USER_IP: c.me.ip, STATUS: c.pick(STATUSES), LOGIN_SEQ_NUM: c.n });

export const RECIPES: Readonly<Record<string, Recipe>> = {
  SEND_MESSAGE: {
    values: (c) => {
      const { MESSAGE_TYPE, MESSAGE } = message(c);
      return { RECEIVER_UIN: c.other.uin, MESSAGE_TYPE, MESSAGE };
    },
  },
  LOGIN: { values: login },
  CONTACT_LIST: { values: (c) => ({ CONTACTS: Array.from({ length: c.pick([1, 2, 3, 4, 5, 6]) }, (_, i) => ({ CONTACT_UIN: c.other.uin + i * 7 })) }) },
  SEARCH_UIN: { values: (c) => search(c).values },
  SEARCH_USER: { values: (c) => ({ SEARCH_SEQ_NUM: c.n, ...c.pick([{ NICK_NAME: c.text(3, 12) }, { FIRST_NAME: c.text(2, 10), LAST_NAME: c.text(2, 14) }, { E_MAIL: `${c.text(3, 8).replace(/ /g, '.')}@example.com` }]) }) },
  SEND_TEXT_CODE: { values: (c) => ({ TEXT_CODE: c.pick(['B_USER_DISCONNECTED', 'B_MESSAGE_ACK']), X1: 0x0005 }) },
  INFO_REQ: { values: (c) => infoRequest('INFO_REQ')(c).values },
  EXT_INFO_REQ: { values: (c) => infoRequest('EXT_INFO_REQ')(c).values },
  CHANGE_PASSWORD: { values: (c) => ({ PASSWORD_SEQ_NUM: c.n, NEW_PASSWORD: c.text(1, 8) }) },
  STATUS_CHANGE: { values: (c) => ({ STATUS: c.pick(STATUSES) }) },
  LOGIN_2: { values: () => ({}) },
  LOGIN_REPLY: {
    request: (c) => ({ command: 'LOGIN', values: login(c) }),
    values: (c) => ({ USER_UIN: c.me.uin, USER_IP: c.me.ip, LOGIN_SEQ_NUM: c.n, X2: c.pick([0x00160019, 0x00160018]) }),
  },
  USER_ONLINE: {
    values: (c) => ({ REMOTE_UIN: c.other.uin, REMOTE_IP: c.other.ip, REMOTE_PORT: c.other.listen, REMOTE_REAL_IP: c.pick([c.other.ip, c.other.ip, `10.0.0.${c.other.uin % 250}`]), STATUS: c.pick(STATUSES) }),
  },
  USER_OFFLINE: { values: (c) => ({ REMOTE_UIN: c.other.uin }) },
  USER_FOUND: { request: search, values: userRecord('SEARCH_SEQ_NUM', 'FOUND_UIN') },
  RECEIVE_MESSAGE: { values: (c) => ({ REMOTE_UIN: c.other.uin, ...c.date, ...message(c) }) },
  END_OF_SEARCH: { request: search, values: (c) => ({ SEARCH_SEQ_NUM: c.n, MORE_FOUND: c.pick([0, 0, 0, 1]) }) },
  INFO_REPLY: { request: infoRequest('INFO_REQ'), values: userRecord('INFO_SEQ_NUM', 'REMOTE_UIN') },
  EXT_INFO_REPLY: {
    request: infoRequest('EXT_INFO_REQ'),
    values: (c) => {
      const country = c.pick(COUNTRIES);
      return {
        INFO_SEQ_NUM: c.n, REMOTE_UIN: c.other.uin, CITY: c.text(0, 16), COUNTRY_CODE: country, COUNTRY_STATUS: country === 0xffff ? 0x9c : 0xfe, STATE: c.pick(['', '', c.text(2, 12)]),
        AGE: c.pick([0xffff, 18, 21, 25, 30, 43, 58]), SEX: c.pick([0, 1, 2]), PHONE: c.pick(['', `+46 31 555 0${c.n % 1000}`]), HOME_PAGE: c.pick(['', `http://example.org/~${c.text(2, 10).replace(/ /g, '')}`]), ABOUT: c.text(0, 100),
      };
    },
  },
  STATUS_UPDATE: { values: (c) => ({ REMOTE_UIN: c.other.uin, STATUS: c.pick(STATUSES) }) },
};
