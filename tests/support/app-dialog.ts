import type { Page } from 'playwright-core';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type {} from '../../renderer/src/main.ts';

// Playing the user at the app's own dialogs (renderer/src/views/app-dialog.ts): wait for the
// question, read it, press one of its buttons.

export interface Question {
  title: string;
  message: string;
  choices: string[];
}

export async function question(page: Page, timeout = 30_000): Promise<Question> {
  await page.waitForSelector('#app-dialog[open] h2', { timeout });
  return page.evaluate(() => {
    const dialog = document.querySelector('#app-dialog')!;
    return {
      title: dialog.querySelector('h2')!.textContent ?? '',
      message: dialog.querySelector('.dialog-message')!.textContent ?? '',
      choices: [...dialog.querySelectorAll<HTMLButtonElement>('button[data-choice]')].map(
        (b) => b.dataset.choice!,
      ),
    };
  });
}

/** Waits for a question, answers it with `choice`, and returns what was asked. */
export async function answer(page: Page, choice: string, timeout?: number): Promise<Question> {
  const asked = await question(page, timeout);
  // The click's handlers close the dialog before it returns (a next question may open at once).
  await page.click(`#app-dialog[open] button[data-choice="${choice}"]`);
  return asked;
}

export const sheetOf = (page: Page) =>
  page.evaluate(() => structuredClone(window.cuewrightApp!.store.sheet)) as Promise<CueSheet>;

export const selectionOf = (page: Page) =>
  page.evaluate(() => structuredClone(window.cuewrightApp!.store.selection));

export const noticeTexts = (page: Page) => page.locator('#notices .notice .notice-text').allTextContents();

/**
 * Clicks the export dialog's Export and waits until it is done or failed (a hang limit, not a
 * speed figure: the machine is shared); the result line.
 */
export async function startExport(page: Page): Promise<string> {
  await page.click('[data-testid="export-start"]');
  await page.waitForFunction(
    () => /^Export(ed|\b.*failed)/.test(document.querySelector('.export-result')?.textContent ?? ''),
    null,
    { timeout: 300_000 },
  );
  return (await page.textContent('.export-result')) ?? '';
}
