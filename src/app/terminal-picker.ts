import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isInside } from './path-grants.ts';
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
      const path = resolve(this.root, answer || request.suggestedName || '');
      if (!answer && !request.suggestedName) return undefined;
      if (!isInside(this.root, path)) {
        console.log(`cuewright: refused ${path}: outside ${this.root}`);
        return undefined;
      }
      return path;
    } finally {
      prompt.close();
    }
  }
}
