import { spawnSync } from 'node:child_process';
import { CLI, REPO } from './paths.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `cuewright` command in a child process, as a user would. `timeout` is a hang
 * limit (ms), far above the command's cost on a busy machine, never a speed bound.
 */
export function runCli(args: string[], cwd = REPO, timeout = 120_000): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
