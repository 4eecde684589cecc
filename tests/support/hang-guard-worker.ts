// The worker side of HangGuard: calls the target module's exported functions on request and
// answers with the value or the error (by name and message: classes do not cross threads).
import { parentPort, workerData } from 'node:worker_threads';

const target = (await import(workerData.target)) as Record<string, (...args: unknown[]) => unknown>;

parentPort!.on('message', async ({ id, fn, args }: { id: number; fn: string; args: unknown[] }) => {
  try {
    const value = await target[fn]!(...args);
    parentPort!.postMessage({ id, value });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    parentPort!.postMessage({ id, error: { name, message } });
  }
});
