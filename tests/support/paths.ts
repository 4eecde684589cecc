import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_SEED = `${REPO}samples/seed-chapter.txt`;
/** The shared data beside the repo (../shared: seeds, speech, cases), as CI places it. */
export const SHARED = `${REPO}../shared/`;
export const SHARED_SEED = `${REPO}../shared/seeds/000_d6e13eb9da2f9f09.txt`;
export const CLI = `${REPO}bin/cuewright.js`;
