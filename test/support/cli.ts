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

export async function cli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
