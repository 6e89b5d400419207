import { u16 } from './field-builders.js';
import type { FieldSpec, TextParts } from './types.js';

/** MESSAGE's layouts by MESSAGE_TYPE: which 0xFE-separated parts a message of each type holds (0x8000 variant bit ignored). */
export const MESSAGE_PARTS: TextParts = {
  by: 'MESSAGE_TYPE',
  cases: {
    0x0004: ['DESCRIPTION', 'URL'],
    0x000c: ['NICK_NAME', 'FIRST_NAME', 'LAST_NAME', 'E_MAIL', 'AUTHORIZE'],
  },
  meanings: { AUTHORIZE: 'authorize-digit' },
};

/**
 * The field MESSAGE_PARTS is chosen by. The document calls it MESSAGE_TYPE in SEND_MESSAGE and TYPE in
 * RECEIVE_MESSAGE and the peer messages ("The TYPE is the same as described in RECEIVE_MESSAGE"): one name here.
 */
export const messageType = (description: string, documentName?: 'TYPE'): FieldSpec =>
  u16('MESSAGE_TYPE', description, documentName ? { meaning: 'message-type', documentName } : { meaning: 'message-type' });
