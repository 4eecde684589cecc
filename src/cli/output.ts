import { writeFileAtomic } from '../io/atomic-write.ts';
import { FileError } from '../io/file-error.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes an output file atomically and names it in any failure. */
export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}
