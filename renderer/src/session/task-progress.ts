import type { ApiClient } from '../api/api-client.ts';

// The footer's bar for long tasks (sample, waveform, alignment, export): one bar per task, named
// by its phase, that only moves forward until the task is done; a task that ends (done, failed or
// cancelled) takes its bar away.

const TASK_NAMES: Record<string, string> = {
  sample: 'Sample',
  open: 'Waveform',
  align: 'Alignment',
  export: 'Export',
  analyze: 'Loudness',
};

export class TaskProgress {
  private readonly shown = new Map<string, number>();

  constructor(bar: HTMLProgressElement, label: HTMLElement, api: ApiClient) {
    api.onEvent((event) => {
      if (event.type === 'progress') {
        const fraction = Math.max(this.shown.get(event.task) ?? 0, event.fraction);
        this.shown.set(event.task, fraction);
        bar.hidden = false;
        bar.value = fraction;
        label.textContent = `${TASK_NAMES[event.task] ?? event.task}: ${event.phase} ${Math.round(fraction * 100)} %`;
        label.dataset.task = event.task;
      } else if (event.type === 'task-done') {
        this.shown.delete(event.task);
        if (label.dataset.task !== event.task) return;
        bar.hidden = true;
        bar.value = 0;
        label.textContent = '';
        delete label.dataset.task;
      }
    });
  }
}
