// A worker thread that runs a TypeScript module (workerData.module, a file URL) through tsx, as
// bin/cuewright.js does for the main thread: worker threads do not inherit the main thread's loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
