import type { Progress } from '../audio-io/audio-source.ts';

/**
 * A progress bar on stderr for long work; silent when stderr is not a terminal (pipes, tests, CI)
 * so machine-read output stays clean.
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress & { done(): void } {
  const enabled = stream.isTTY === true;
  let last = -1;
  const update = (fraction: number) => {
    if (!enabled) return;
    const percent = Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
    if (percent === last) return;
    last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`,
    );
  };
  return Object.assign(update, {
    done() {
      if (enabled && last >= 0) stream.write('\n');
    },
  });
}
