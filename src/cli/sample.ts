import { fileURLToPath } from 'node:url';

/** The seed chapter, shipped with the app as the sample production. */
export const SAMPLE_SCRIPT = fileURLToPath(new URL('../../samples/seed-chapter.txt', import.meta.url));
