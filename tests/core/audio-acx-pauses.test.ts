import { describe, expect, it } from 'vitest';
import { acxReport } from '../../audio/acx.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import { type Segment, segments } from '../support/signals.ts';

const RATE = 44_100;

function envelopeOf(parts: Segment[]) {
  const envelope = new EnergyEnvelope(RATE);
  envelope.push(segments(RATE, 1, parts, 11));
  return envelope;
}

describe('ACX checks', () => {
  it('pass a recording with speech at -20 dB RMS, peaks under -3 dB and a -70 dB room', () => {
    const report = acxReport(
      envelopeOf([
        { seconds: 1, db: -70 },
        { seconds: 8, db: -19 },
        { seconds: 1, db: -70 },
      ]),
    );
    expect(report.pass).toBe(true);
    expect(report.rms).toBeGreaterThan(-23);
    expect(report.rms).toBeLessThan(-18);
    expect(Math.abs(report.noiseFloor + 70)).toBeLessThan(0.5);
    expect(report.peak).toBeLessThanOrEqual(-3);
  });

  it('print a figure in a problem as the report rounds it (0.01 dB, then 0.1)', () => {
    // A constant level of -52.949 dB: 0.01-dB rounding makes it -52.95, read "-53.0" by analyze's
    // summary; its problem line said "-52.9".
    const envelope = new EnergyEnvelope(RATE);
    envelope.push([new Float32Array(RATE * 2).fill(10 ** (-52.949 / 20))]);
    const report = acxReport(envelope);
    const summary = (Math.round(report.noiseFloor * 100) / 100).toFixed(1);
    expect(summary).toBe('-53.0');
    expect(report.problems).toContain(`noise floor ${summary} dB is above -60 dB`);
    expect(report.problems).toContain(`RMS ${summary} dB is outside -23..-18 dB`);
  });

  it('fail a noisy, quiet recording and say why', () => {
    const report = acxReport(
      envelopeOf([
        { seconds: 2, db: -50 },
        { seconds: 4, db: -30 },
      ]),
    );
    expect(report.pass).toBe(false);
    expect(report.problems.join('; ')).toMatch(
      /RMS -3\d\.\d dB is outside -23..-18 dB; noise floor -50\.\d dB is above -60 dB/,
    );
  });
});

describe('pause detection', () => {
  it('finds the gaps between phrases within 20 ms, in room noise, and ignores short dips', () => {
    const parts: Segment[] = [];
    const expected: Array<[number, number]> = [];
    let t = 0;
    for (let i = 0; i < 12; i++) {
      const speech = 1 + (i % 3) * 0.7;
      const gap = [0.3, 0.6, 1.2, 0.08][i % 4]!; // 80 ms is a breath inside a phrase, not a pause
      parts.push({ seconds: speech, db: -20, tone: 180 }, { seconds: gap, db: -62 });
      t += speech;
      if (gap >= 0.15) expected.push([t, t + gap]);
      t += gap;
    }
    const pauses = findPauses(envelopeOf(parts));
    expect(pauses).toHaveLength(expected.length);
    pauses.forEach((pause, i) => {
      expect(Math.abs(pause.start - expected[i]![0])).toBeLessThan(0.02);
      expect(Math.abs(pause.end - expected[i]![1])).toBeLessThan(0.02);
    });
  });

  it('finds none in a steady tone', () => {
    expect(findPauses(envelopeOf([{ seconds: 5, db: -20, tone: 440 }]))).toEqual([]);
  });
});
