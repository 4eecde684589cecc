import { buildRenderer } from '../../src/build/build-renderer.ts';

// The e2e project drives the built renderer: build it once before any browser starts.
export default async function setup(): Promise<void> {
  await buildRenderer();
}
