import type { ColorChoice } from './options.js';

/** --color: always/never win; auto follows FORCE_COLOR (forces on unless "0"), then NO_COLOR, then whether stdout is a terminal. */
export function decideColor(choice: ColorChoice, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean {
  if (choice !== 'auto') return choice === 'always';
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTTY;
}
