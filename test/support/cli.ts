import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The command line run from the TypeScript sources, as a user runs it: exit code, stdout, stderr. */

const run = promisify(execFile);
export const CLI = ['--import', 'tsx', 'src/cli/run.ts'];
export const ENV = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Standard input is an empty pipe (not a terminal): with no FILE the command reads it and finds it empty. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Result> {
  try {
    const running = run(process.execPath, [...CLI, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    running.child.stdin?.end();
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
