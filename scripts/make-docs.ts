import { writeFileSync } from 'node:fs';
import { protocolReference } from './reference/protocol-reference.js';

/** `npm run docs`: writes docs/protocol-reference.md from the protocol tables. */
const file = new URL('../docs/protocol-reference.md', import.meta.url).pathname;
writeFileSync(file, protocolReference());
console.log(`docs/protocol-reference.md: ${protocolReference().length} characters`);
