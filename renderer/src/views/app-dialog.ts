// The app's own questions (save changes? recover? chapter title?) in a modal <dialog>: Electron has
// no window.prompt (it throws) and confirm/alert block the whole app, so none of them is used
// (biome.json forbids them). One question at a time; later ones wait their turn.

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The button Enter presses (and the one focused first). */
  primary?: boolean;
  /** Throws work away: drawn as a warning. */
  danger?: boolean;
}

export class AppDialog {
  private readonly dialog: HTMLDialogElement;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dialog: HTMLDialogElement) {
    this.dialog = dialog;
  }

  /** Whether a question is on screen (keys belong to it then). */
  get open(): boolean {
    return this.dialog.open;
  }

  /** Asks and resolves with the chosen value; Escape answers `cancel`. `extra` goes under the message (a table). */
  ask<T extends string>(
    title: string,
    message: string,
    choices: Choice<T>[],
    cancel: T,
    extra?: HTMLElement,
  ): Promise<T> {
    return this.enqueue(() => this.show(title, message, choices, cancel, undefined, extra));
  }

  /** A line of text (a chapter title); null when cancelled. */
  askText(title: string, label: string, initial: string, confirmLabel = 'OK'): Promise<string | null> {
    return this.enqueue(async () => {
      const input = document.createElement('input');
      input.type = 'text';
      input.value = initial;
      input.dataset.testid = 'dialog-text';
      const answer = await this.show(
        title,
        label,
        [
          { value: 'cancel', label: 'Cancel' },
          { value: 'ok', label: confirmLabel, primary: true },
        ],
        'cancel',
        input,
      );
      return answer === 'ok' ? input.value : null;
    });
  }

  private enqueue<R>(run: () => Promise<R>): Promise<R> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private show<T extends string>(
    title: string,
    message: string,
    choices: Choice<T>[],
    cancel: T,
    field?: HTMLInputElement,
    extra?: HTMLElement,
  ): Promise<T> {
    const dialog = this.dialog;
    const heading = document.createElement('h2');
    heading.textContent = title;
    const text = document.createElement('p');
    text.className = 'dialog-message';
    text.textContent = message;
    const menu = document.createElement('menu');
    const form = document.createElement('form');
    form.method = 'dialog';
    const buttons = choices.map((choice) => {
      const button = document.createElement('button');
      button.type = choice.primary ? 'submit' : 'button';
      button.textContent = choice.label;
      button.value = choice.value;
      button.dataset.choice = choice.value;
      if (choice.primary) button.className = 'primary';
      if (choice.danger) button.classList.add('danger');
      return button;
    });
    menu.append(...buttons);
    form.append(heading, text, ...(extra ? [extra] : []), ...(field ? [field] : []), menu);
    dialog.replaceChildren(form);
    return new Promise<T>((resolve) => {
      const done = (value: T) => {
        dialog.removeEventListener('cancel', onCancel);
        if (dialog.open) dialog.close();
        dialog.replaceChildren();
        resolve(value);
      };
      const onCancel = (event: Event) => {
        event.preventDefault();
        done(cancel);
      };
      dialog.addEventListener('cancel', onCancel);
      for (const button of buttons)
        button.addEventListener('click', (event) => {
          event.preventDefault();
          done(button.value as T);
        });
      // Enter in the text field submits: the primary choice.
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        done((choices.find((c) => c.primary)?.value ?? cancel) as T);
      });
      dialog.showModal();
      if (field) field.select();
      (field ?? buttons.find((b) => b.classList.contains('primary')) ?? buttons[0])?.focus({
        preventScroll: true,
      });
      // A long question (the shortcuts) opens at its title, not scrolled to its buttons.
      dialog.scrollTop = 0;
    });
  }
}
