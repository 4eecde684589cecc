import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_SEED = `${REPO}samples/seed-chapter.txt`;
export const SHARED_SEED = `${REPO}../shared/seeds/000_d6e13eb9da2f9f09.txt`;
export const CLI = `${REPO}bin/cuewright.js`;
