import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { AppDialog } from '../views/app-dialog.ts';
import { localTime } from './local-time.ts';

// Work the app kept after a crash or a reload (autosave) is offered back once: recovered, or
// discarded for good after a second question. Escape leaves it for next time.

export type RecoveryAnswer = 'recover' | 'discard' | 'later';

export async function offerRecovery(
  dialog: AppDialog,
  recovery: { savedAt: string; title?: string; projectPath?: string },
): Promise<RecoveryAnswer> {
  const name = `“${fileNameOf(recovery.projectPath) ?? recovery.title ?? 'Untitled'}”`;
  const when = localTime(recovery.savedAt);
  for (;;) {
    const answer = await dialog.ask(
      'Recover unsaved work?',
      `Cuewright kept changes to ${name} that were never saved (last kept ${when}).`,
      [
        { value: 'discard', label: 'Discard…', danger: true },
        { value: 'recover', label: 'Recover', primary: true },
      ],
      'later',
    );
    if (answer !== 'discard') return answer;
    const sure = await dialog.ask(
      'Discard the unsaved work?',
      `The changes to ${name} kept ${when} are deleted and cannot be brought back.`,
      [
        { value: 'back', label: 'Go back' },
        { value: 'discard', label: 'Discard', danger: true, primary: true },
      ],
      'back',
    );
    if (sure === 'discard') return 'discard';
  }
}
