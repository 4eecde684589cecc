import type { Page } from 'playwright-core';
import type {} from '../../renderer/src/main.ts';

/**
 * The app's Music route in the preview, played from `from` for 1.2 s: its level at 220 Hz against
 * 660 Hz (dB), the two halves of drama-fixture.ts's two-pitch theme (`doorSounds(…, { twoPitches })`).
 * NaN when nothing was heard; how far the playback went is then said on the page's console.
 */
export function musicPitchBalance(page: Page, from: number): Promise<number> {
  return page.evaluate(async (from) => {
    const { playback } = window.cuewrightApp!;
    await playback.playRange(from, from + 1.2);
    const analyser = playback.sounds.tapLane('Music')!;
    analyser.fftSize = 8192;
    const bins = new Float32Array(analyser.frequencyBinCount);
    const binOf = (hz: number) => Math.round((hz / analyser.context.sampleRate) * analyser.fftSize);
    let low = 0;
    let high = 0;
    const seen: number[] = [];
    while (playback.playing) {
      seen.push(playback.time);
      await new Promise((done) => requestAnimationFrame(done));
      if (playback.time < from + 0.3) continue;
      analyser.getFloatFrequencyData(bins);
      low += 10 ** (bins[binOf(220)]! / 10);
      high += 10 ** (bins[binOf(660)]! / 10);
    }
    analyser.disconnect();
    if (!(low > 0 && high > 0))
      console.error(
        `nothing heard on the Music route from ${from} s: ${seen.length} frames, to ${seen.at(-1)} s`,
      );
    return 10 * Math.log10(low / high);
  }, from);
}
