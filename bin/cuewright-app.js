// Electron's main entry: runs the TypeScript shell directly through tsx, as bin/cuewright.js does
// for the CLI, so the app and the command line run the very same sources.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/main.ts');
