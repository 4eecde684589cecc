import { stat } from 'node:fs/promises';
import { FileError } from './file-error.ts';

// A command must never replace what it reads: `export in.wav -o in.wav` would put the processed
// audio over the recording, `align book.txt take.wav -o take.wav` the cue sheet over it. Compared by device and inode, so another name for the same file
// (a hard link, a symlink, "./in.wav") is caught too.

export interface InputFile {
  path: string;
  /** What the export reads it as: "recording", "music bed", "script", "cue sheet", "cover image". */
  role: string;
}

export async function refuseOutputOverInput(
  outputs: string[],
  inputs: InputFile[],
  /** Who reads the inputs, for the message: "this export", "this command". */
  reader = 'this export',
): Promise<void> {
  const known = new Map<string, InputFile>();
  for (const input of inputs) {
    const s = await stat(input.path).catch(() => undefined);
    if (s) known.set(`${s.dev}:${s.ino}`, input);
  }
  for (const output of outputs) {
    const s = await stat(output).catch(() => undefined);
    const input = s && known.get(`${s.dev}:${s.ino}`);
    if (input) {
      throw new FileError(
        output,
        `is the ${input.role} ${reader} reads (${input.path}); choose another name for the output`,
      );
    }
  }
}
