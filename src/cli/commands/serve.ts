import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TerminalPicker } from '../../app/terminal-picker.ts';
import { RENDERER_DIST, startAppHost } from '../../host/app-host.ts';
import { UsageError } from '../cli-error.ts';
import type { Io } from '../output.ts';

export interface ServeArgs {
  port: number;
  root: string;
}

/**
 * The app in a browser: the renderer served with the same handlers as the desktop app, on
 * 127.0.0.1 only. File picks are answered in this terminal, inside `root`. Runs until Ctrl+C.
 */
export async function runServe(args: ServeArgs, io: Io): Promise<void> {
  if (!existsSync(join(RENDERER_DIST, 'index.html'))) {
    const { buildRenderer } = await import('../../build/build-renderer.ts');
    await buildRenderer();
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) {
    throw new UsageError(`--port must be a port number (got ${args.port})`);
  }
  const host = await startAppHost({
    dataDir: join(homedir(), '.cuewright'),
    picker: new TerminalPicker(args.root),
    port: args.port,
    root: args.root,
  });
  io.out(`Cuewright is running at ${host.url}/ (Ctrl+C stops it)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await host.close();
}
