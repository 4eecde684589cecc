// How the user names a file: Electron's dialogs in the app, a scripted queue in tests, the terminal
// for the dev server. Whatever it returns becomes a grant; nothing else does.

export type PickPurpose = 'script' | 'audio' | 'project' | 'save-project' | 'export' | 'chapters';

export interface PickRequest {
  purpose: PickPurpose;
  /** A suggested file name for save dialogs. */
  suggestedName?: string;
}

export interface Picker {
  /** The chosen path, or undefined when the user cancelled. */
  pick(request: PickRequest): Promise<string | undefined>;
}

/** Answers picks from a queue: tests play the user. */
export class ScriptedPicker implements Picker {
  readonly answers: Array<string | undefined> = [];
  readonly asked: PickRequest[] = [];

  async pick(request: PickRequest): Promise<string | undefined> {
    this.asked.push(request);
    return this.answers.shift();
  }
}
