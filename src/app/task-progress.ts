/**
 * A task's progress as one fraction that only moves forward, whatever its phases report: each
 * phase (or a phase that starts over, as alignment does when it falls back to another engine)
 * takes its share of what is left. Alignment restarted at 0 % per phase; export stood at 50 %.
 */
export function forwardProgress(
  shares: Record<string, number>,
  report: (phase: string, fraction: number) => void,
): (phase: string, fraction: number) => void {
  let phase: string | undefined;
  let last = 0;
  let from = 0;
  let span = 0;
  let shown = 0;
  return (name, fraction) => {
    const f = Math.min(1, Math.max(0, fraction));
    if (name !== phase || f < last) {
      phase = name;
      from = shown;
      span = (1 - from) * (shares[name] ?? 0.5);
    }
    last = f;
    shown = Math.max(shown, from + span * f);
    report(name, shown);
  };
}

/** Alignment: listening is quick, reading the script (TTS engine) and aligning are the work; never 100 % before done. */
export const ALIGN_SHARES = { 'listening to the recording': 0.3, 'reading the script': 0.4, aligning: 0.9 };
/** Export: two passes over the audio of about the same cost. */
export const EXPORT_SHARES = { measuring: 0.5, encoding: 1 };
