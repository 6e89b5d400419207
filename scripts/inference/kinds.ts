import type { PatternKind } from '../../src/study/pattern.js';

/**
 * The kind the study should name for each document field, written by hand from the document's tables:
 * a sequence number is a counter (or, in a reply, an echo of the request's), a UIN a uin, an IP a
 * host-address, a port a port, a LENGTH-prefixed string a string, an X-field with a fixed value a
 * constant, a status or type an enum (or flags). Numbers the study has no word for (a count, an age, a
 * date's parts) are right when described by their values (VALUE): the study has no better kind to give.
 */

type Kinds = readonly PatternKind[];

const COUNTER: Kinds = ['counter'];
const ECHOED: Kinds = ['echo', 'counter'];
const UIN: Kinds = ['uin'];
const IP: Kinds = ['host-address'];
const PORT: Kinds = ['port'];
const STRING: Kinds = ['string'];
const CONSTANT: Kinds = ['constant'];
const ENUM: Kinds = ['enum', 'flags'];
const VALUE: Kinds = ['constant', 'enum', 'flags', 'random'];

const USER_RECORD = { NICK_NAME: STRING, FIRST_NAME: STRING, LAST_NAME: STRING, E_MAIL: STRING, AUTHORIZE: ENUM };

/** By command name (unique among the scored commands), then field name. */
export const EXPECTED_KINDS: Readonly<Record<string, Readonly<Record<string, Kinds>>>> = {
  SEND_MESSAGE: { RECEIVER_UIN: UIN, MESSAGE_TYPE: ENUM, MESSAGE: STRING },
  LOGIN: { PORT, PASSWORD: STRING, X1: CONSTANT, USER_IP: IP, X2: CONSTANT, STATUS: ENUM, X3: CONSTANT, LOGIN_SEQ_NUM: COUNTER, X4: CONSTANT, X5: CONSTANT },
  CONTACT_LIST: { NUM_CONTACTS: VALUE, UIN },
  SEARCH_UIN: { SEARCH_SEQ_NUM: COUNTER, SEARCHED_UIN: UIN },
  SEARCH_USER: { SEARCH_SEQ_NUM: COUNTER, NICK_NAME: STRING, FIRST_NAME: STRING, LAST_NAME: STRING, E_MAIL: STRING },
  SEND_TEXT_CODE: { TEXT_CODE: STRING, X1: CONSTANT },
  INFO_REQ: { INFO_SEQ_NUM: COUNTER, QUERY_UIN: UIN },
  EXT_INFO_REQ: { INFO_SEQ_NUM: COUNTER, QUERY_UIN: UIN },
  CHANGE_PASSWORD: { PASSWORD_SEQ_NUM: COUNTER, NEW_PASSWORD: STRING },
  STATUS_CHANGE: { STATUS: ENUM },
  LOGIN_2: { X1: CONSTANT },
  // X2 is "xx 00 16 00, xx = 19 or 18": two values.
  LOGIN_REPLY: { USER_UIN: UIN, USER_IP: IP, LOGIN_SEQ_NUM: ECHOED, X1: CONSTANT, X2: ENUM, X3: CONSTANT, X4: CONSTANT, X5: CONSTANT },
  USER_ONLINE: { REMOTE_UIN: UIN, REMOTE_IP: IP, REMOTE_PORT: PORT, REMOTE_REAL_IP: IP, X1: CONSTANT, STATUS: ENUM, X2: CONSTANT },
  USER_OFFLINE: { REMOTE_UIN: UIN },
  USER_FOUND: { SEARCH_SEQ_NUM: ECHOED, FOUND_UIN: UIN, ...USER_RECORD },
  RECEIVE_MESSAGE: { REMOTE_UIN: UIN, YEAR: VALUE, MONTH: VALUE, DAY: VALUE, HOUR: VALUE, MINUTE: VALUE, MESSAGE_TYPE: ENUM, MESSAGE: STRING },
  END_OF_SEARCH: { SEARCH_SEQ_NUM: ECHOED, MORE_FOUND: ENUM },
  INFO_REPLY: { INFO_SEQ_NUM: ECHOED, REMOTE_UIN: UIN, ...USER_RECORD },
  EXT_INFO_REPLY: {
    INFO_SEQ_NUM: ECHOED, REMOTE_UIN: UIN, CITY: STRING, COUNTRY_CODE: ENUM, COUNTRY_STATUS: ENUM, STATE: STRING, AGE: VALUE, SEX: ENUM, PHONE: STRING, HOME_PAGE: STRING, ABOUT: STRING,
  },
  STATUS_UPDATE: { REMOTE_UIN: UIN, STATUS: ENUM },
};
