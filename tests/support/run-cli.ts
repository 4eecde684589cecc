import { spawnSync } from 'node:child_process';
import { CLI, REPO } from './paths.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `cuewright` command in a child process, as a user would. */
export function runCli(args: string[], cwd = REPO): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
