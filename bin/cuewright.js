#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `cuewright` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head -1`) closes the pipe: end quietly, as other Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
