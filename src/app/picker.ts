// How the user names a file: Electron's dialogs in the app, a scripted queue in tests, the terminal
// for the dev server. Whatever it returns becomes a grant; nothing else does.

/** What a pick is for; 'stems-folder' names a folder (a drama's stems are written into it). */
export type PickPurpose =
  | 'script'
  | 'audio'
  | 'project'
  | 'save-project'
  | 'export'
  | 'chapters'
  | 'cover'
  | 'stems-folder';

export interface PickRequest {
  purpose: PickPurpose;
  /** A suggested file name for save dialogs. */
  suggestedName?: string;
}

export interface Picker {
  /** The chosen path, or undefined when the user cancelled. */
  pick(request: PickRequest): Promise<string | undefined>;
  /** Several files at once ("Add recordings…"); none when cancelled. Absent: one pick. */
  pickMany?(request: PickRequest): Promise<string[]>;
}

/** Answers picks from a queue: tests play the user. */
export class ScriptedPicker implements Picker {
  /** A list answers a pick of several files (a single pick takes its first). */
  readonly answers: Array<string | string[] | undefined> = [];
  readonly asked: PickRequest[] = [];

  async pick(request: PickRequest): Promise<string | undefined> {
    this.asked.push(request);
    const answer = this.answers.shift();
    return Array.isArray(answer) ? answer[0] : answer;
  }

  async pickMany(request: PickRequest): Promise<string[]> {
    this.asked.push(request);
    const answer = this.answers.shift();
    return answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  }
}
