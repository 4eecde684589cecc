import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isInside, realPath } from './path-grants.ts';
import type { Picker, PickRequest } from './picker.ts';

/**
 * The dev server's picker: the browser has no file dialog that yields a path, so the terminal
 * running `cuewright serve` asks, and only paths inside the folder it was started for are taken.
 */
export class TerminalPicker implements Picker {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async pick(request: PickRequest): Promise<string | undefined> {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const hint = request.suggestedName ? ` [${request.suggestedName}]` : '';
      const answer = (
        await prompt.question(`cuewright: ${request.purpose} path (inside ${this.root})${hint}: `)
      ).trim();
      const picked = pathInsideRoot(this.root, answer || request.suggestedName || '');
      if (typeof picked === 'object') console.log(`cuewright: ${picked.refused}`);
      return typeof picked === 'string' ? picked : undefined;
    } finally {
      prompt.close();
    }
  }
}

/**
 * The typed answer as a path inside `root`, or why it is refused. Compared by real path: a
 * symlink inside the root may point anywhere (/etc), and must not take the page there.
 */
export function pathInsideRoot(root: string, answer: string): string | undefined | { refused: string } {
  if (!answer) return undefined;
  const path = resolve(root, answer);
  if (!isInside(realPath(root), realPath(path))) return { refused: `refused ${path}: outside ${root}` };
  return path;
}
