import { describe, expect, it } from 'vitest';
import { detectSinging, judgePhrases } from '../../audio/align/singing-voice.ts';
import {
  detectSungSections,
  lyricSpans,
  overlap,
  SUNG_STEPS,
  songPositions,
  unite,
} from '../../audio/align/sung-sections.ts';
import type { PitchTrack } from '../../audio/pitch/pitch-tracker.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import type { Cue, CueKind, CueSheet } from '../../cues/cue-sheet.ts';

// Sung and music sections on hand-built inputs: energy envelopes of one sample per 10 ms frame
// (so each frame's level is set directly), and pitch tracks of held notes, glides and rests
// whose held-note shares are counted frame by frame in the comments.

describe('spans: union and overlap', () => {
  it('merges overlapping and touching spans in time order, leaving the input as it was', () => {
    const spans = [
      { start: 5, end: 8 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 8, end: 9 },
      { start: 10, end: 12 },
      { start: 10.5, end: 11 },
    ];
    const copy = structuredClone(spans);
    expect(unite(spans)).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
      { start: 10, end: 12 },
    ]);
    expect(spans).toEqual(copy);
    expect(unite([])).toEqual([]);
  });

  it('measures the seconds two spans share', () => {
    expect(overlap({ start: 0, end: 5 }, { start: 3, end: 8 })).toBe(2);
    expect(overlap({ start: 3, end: 8 }, { start: 0, end: 5 })).toBe(2);
    expect(overlap({ start: 0, end: 10 }, { start: 2, end: 3 })).toBe(1);
    expect(overlap({ start: 0, end: 2 }, { start: 2, end: 3 })).toBe(0);
    expect(overlap({ start: 0, end: 1 }, { start: 5, end: 6 })).toBe(0);
  });
});

let nextId = 0;
function cue(kind: CueKind, start?: number, end?: number): Cue {
  return {
    id: `c${nextId++}`,
    kind,
    text: 'words',
    source: { start: 0, end: 5 },
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
  };
}
function sheetOf(cues: Cue[]): CueSheet {
  return { version: 1, title: 'T', chapters: [], cues };
}

describe("the script's sung stretches (lyricSpans)", () => {
  it('joins lyric cues at most joinGap apart; any spoken cue ends a run; untimed cues are passed over', () => {
    const sheet = sheetOf([
      cue('narration', 0, 1),
      cue('lyric', 1, 2),
      cue('lyric', 5, 6), // 3 s after: joined
      cue('lyric'), // untimed: neither joins nor breaks
      cue('lyric', 9.01, 10), // 3.01 s after: a new stretch
      cue('dialogue', 10, 11),
      cue('lyric', 11, 12), // right after speech: a new stretch
      cue('narration', 20, 21),
    ]);
    expect(lyricSpans(sheet)).toEqual([
      { start: 1, end: 6 },
      { start: 9.01, end: 10 },
      { start: 11, end: 12 },
    ]);
    expect(lyricSpans(sheet, 5)).toEqual([
      { start: 1, end: 10 },
      { start: 11, end: 12 },
    ]);
    expect(lyricSpans(sheetOf([cue('lyric', 0, 1), cue('lyric', 2), cue('lyric', undefined, 3)]))).toEqual([
      { start: 0, end: 1 },
    ]);
  });
});

describe('positions in a song per feature frame (songPositions)', () => {
  it('runs from 1 at the song start toward SUNG_STEPS at its end; 0 outside songs', () => {
    // One song over [1, 2) s, 0.1 s frames: frames 10..19, shares 0, 0.1 ... 0.9.
    const positions = songPositions([[{ start: 1, end: 2 }]], 30, 0.1);
    expect(positions.length).toBe(30);
    for (let f = 0; f < 10; f++) expect(positions[f]).toBe(0);
    for (let f = 20; f < 30; f++) expect(positions[f]).toBe(0);
    for (let f = 10; f < 20; f++)
      expect(positions[f]).toBe(1 + Math.round(((f - 10) / 10) * (SUNG_STEPS - 1)));
    expect(positions[10]).toBe(1);
    expect(positions[15]).toBe(1 + 32767);
  });

  it('runs one position over all the spans a song was heard in, first start to last end', () => {
    // Spans [1, 2) and [3, 4): the song runs 1..4 (3 s); frame 30 (3 s) is two thirds in.
    const positions = songPositions(
      [
        [
          { start: 3, end: 4 },
          { start: 1, end: 2 },
        ],
        [],
      ],
      50,
      0.1,
    );
    expect(positions[10]).toBe(1);
    expect(positions[25]).toBe(0);
    expect(positions[30]).toBe(1 + Math.round((2 / 3) * (SUNG_STEPS - 1)));
    expect(positions[39]).toBe(1 + Math.round((2.9 / 3) * (SUNG_STEPS - 1)));
    expect(positions[40]).toBe(0);
  });

  it('keeps to the frames there are, and starts a frame straddling the song start at 1', () => {
    // Frames 0.1 s: a song at [1.05, 9) over 20 frames: frame 10 (1.0 s) is before the song
    // start, held at 1; frames past the end are not written.
    const positions = songPositions([[{ start: 1.05, end: 9 }]], 20, 0.1);
    expect(positions[9]).toBe(0);
    expect(positions[10]).toBe(1);
    expect(positions[19]).toBe(1 + Math.round(((1.9 - 1.05) / 7.95) * (SUNG_STEPS - 1)));
    // Two songs each restart at 1; a song too short for a frame still marks it.
    const two = songPositions([[{ start: 0, end: 0.5 }], [{ start: 0.5, end: 0.52 }]], 10, 0.1);
    expect([...two]).toEqual([
      1,
      1 + Math.round(0.2 * 65534),
      1 + Math.round(0.4 * 65534),
      1 + Math.round(0.6 * 65534),
      1 + Math.round(0.8 * 65534),
      1,
      0,
      0,
      0,
      0,
    ]);
  });
});

/** An envelope of one sample per 10 ms frame: frame i is quiet (-60 dB) when quiet(i), else loud (-10 dB). */
function envelope(frames: number, quiet: (i: number) => boolean): EnergyEnvelope {
  const env = new EnergyEnvelope(100, 0.01);
  env.push([Float32Array.from({ length: frames }, (_, i) => (quiet(i) ? 0.001 : 0.3))]);
  return env;
}

describe('sound that never pauses (detectSungSections)', () => {
  it('finds music between speech, edge to edge with the pauses around it', () => {
    // Speech: 20 loud frames then 5 quiet ones (frames 295..299 quiet), music over frames
    // 300..694, speech again from 695 (695..699 quiet).
    const env = envelope(1000, (i) => (i < 300 || i >= 695) && i % 25 >= 20);
    const sections = detectSungSections(env);
    expect(sections.length).toBe(1);
    expect(sections[0]!.start).toBeCloseTo(3, 9);
    expect(sections[0]!.end).toBeCloseTo(6.95, 9);
  });

  it('allows up to 3 % of quiet frames in any 3 s', () => {
    // One quiet frame in 30 is 10 in every 300-frame window (3.3 %): no section.
    expect(detectSungSections(envelope(1000, (i) => i % 30 === 29))).toEqual([]);
    // One in 34 is 8 or 9 (under 3 %): the core is the window centres 150..849, grown to the
    // quiet frames around it (135 and 883).
    const sections = detectSungSections(envelope(1000, (i) => i % 34 === 33));
    expect(sections.length).toBe(1);
    expect(sections[0]!.start).toBeCloseTo(1.36, 9);
    expect(sections[0]!.end).toBeCloseTo(8.83, 9);
  });

  it('keeps sections of 3 s and more', () => {
    // A 2.8 s stretch (frames 300..579) and a 3.1 s one (frames 300..609), with speech around
    // (a quiet frame in 5) that leaves few enough quiet frames in the window centred on them.
    const around = (from: number, to: number) => (i: number) =>
      i < from ? i % 5 === 4 : i >= to && (i - to) % 5 === 0;
    expect(detectSungSections(envelope(1000, around(300, 580)))).toEqual([]);
    // Exactly 3 s (frames 300..599) is enough.
    expect(detectSungSections(envelope(1000, around(300, 600)))).toEqual([{ start: 3, end: 6 }]);
    const long = detectSungSections(envelope(1000, around(300, 610)));
    expect(long.length).toBe(1);
    expect(long[0]!.start).toBeCloseTo(3, 9);
    expect(long[0]!.end).toBeCloseTo(6.1, 9);
  });

  it('finds two songs apart, and the first one starting at the very first frame', () => {
    // Music over frames 0..399 and 600..999, speech (a quiet frame in 5) between.
    const sections = detectSungSections(envelope(1000, (i) => i >= 400 && i < 600 && i % 5 === 4));
    expect(sections.length).toBe(2);
    expect(sections[0]!.start).toBe(0);
    expect(sections[0]!.end).toBeCloseTo(4.04, 9);
    expect(sections[1]!.start).toBeCloseTo(6, 9);
    expect(sections[1]!.end).toBeCloseTo(10, 9);
  });

  it('calls room tone alone quiet (under -60 dBFS), not music, but keeps a quiet music bed', () => {
    // 10 s of a room's hiss at about -65 dBFS: no pause in it, and no contrast for the adaptive
    // threshold to find one; it is no music. The same at -45 dBFS (a music bed, mixed low) is.
    const steady = (db: number) => {
      const env = new EnergyEnvelope(100, 0.01);
      let seed = 7;
      const jitter = () => {
        seed = (seed * 16807) % 2147483647;
        return 0.8 + (0.4 * seed) / 2147483647;
      };
      env.push([Float32Array.from({ length: 1000 }, () => 10 ** (db / 20) * jitter())]);
      return env;
    };
    expect(detectSungSections(steady(-65))).toEqual([]);
    expect(detectSungSections(steady(-45))).toEqual([{ start: 0, end: 10 }]);
  });

  it('needs a full window: under 3 s of sound is never a section', () => {
    expect(detectSungSections(envelope(299, () => false))).toEqual([]);
    expect(detectSungSections(envelope(0, () => false))).toEqual([]);
  });
});

/** A pitch track of 10 ms frames from pieces: held notes, glides (speech-like) and rests. */
type Piece = ['note', number, number?] | ['glide', number] | ['rest', number] | ['sparse', number];
function track(...pieces: Piece[]): PitchTrack {
  const f0: number[] = [];
  for (const piece of pieces) {
    const [kind, frames] = piece;
    for (let k = 0; k < frames; k++) {
      if (kind === 'note') f0.push(piece[2] ?? 220);
      // Rising a semitone every 3 frames, 8 semitones, then back down: never holds a note.
      else if (kind === 'glide') f0.push(110 * 2 ** ((k % 24) / 36));
      // A held note that the tracker loses every third frame.
      else if (kind === 'sparse') f0.push(k % 3 === 2 ? 0 : 220);
      else f0.push(0);
    }
  }
  return { f0: Float32Array.from(f0), frameSeconds: 0.01 };
}

describe('phrases and their held-note share (judgePhrases)', () => {
  it('counts a steady note as held but for its first and last 7 frames, and a glide as never held', () => {
    // Smoothed pitch exists where 7 of the 9 frames around are voiced (frames 2..n-3); a frame is
    // held when the 11 around it are all smoothed within 0.8 semitone (frames 7..n-8): n - 14.
    const phrases = judgePhrases(track(['note', 200], ['rest', 30], ['glide', 150]));
    expect(phrases.length).toBe(2);
    expect(phrases[0]!.start).toBe(0);
    expect(phrases[0]!.end).toBeCloseTo(2, 9);
    expect(phrases[0]!.held).toBeCloseTo(186 / 200, 9);
    expect(phrases[1]!.start).toBeCloseTo(2.3, 9);
    expect(phrases[1]!.end).toBeCloseTo(3.8, 9);
    expect(phrases[1]!.held).toBe(0);
  });

  it('ends a phrase at 20 unvoiced frames, not at 19, and ignores unvoiced frames before the first', () => {
    const split = judgePhrases(track(['rest', 7], ['note', 100], ['rest', 20], ['note', 100]));
    expect(split.map((p) => [p.start, p.end].map((t) => Math.round(t * 100)))).toEqual([
      [7, 107],
      [127, 227],
    ]);
    const joined = judgePhrases(track(['note', 100], ['rest', 19], ['note', 100], ['rest', 40]));
    expect(joined.length).toBe(1);
    expect(joined[0]!.start).toBe(0);
    expect(joined[0]!.end).toBeCloseTo(2.19, 9);
    // Each note held over its frames 7..92 (86 frames) of the 219.
    expect(joined[0]!.held).toBeCloseTo(172 / 219, 9);
  });

  it('keeps only held runs of 10 frames and more: a short note is a pitch passing through', () => {
    // A note of n frames between rests is held over n - 14 frames: 9 for 23, 10 for 24.
    expect(judgePhrases(track(['note', 23]))[0]!.held).toBe(0);
    expect(judgePhrases(track(['note', 24]))[0]!.held).toBeCloseTo(10 / 24, 9);
  });

  it('holds a note within 0.8 semitone, vibrato and all, and not one step of a semitone', () => {
    // Vibrato of ±0.3 semitone every 6 frames (smoothed, well under 0.8): held as a steady note.
    const vibrato = track(['note', 200]);
    for (let i = 0; i < 200; i++) vibrato.f0[i] = 220 * 2 ** ((i % 6 < 3 ? 0.3 : -0.3) / 12);
    expect(judgePhrases(vibrato)[0]!.held).toBeCloseTo(186 / 200, 9);
    // A one-semitone step at frame 100: the smoothed pitch ramps by ninths over frames 96..104,
    // so frames 98..101 see more than 0.8 semitone among their 11 neighbours: 182 held.
    const step = judgePhrases(track(['note', 100, 220], ['note', 100, 220 * 2 ** (1 / 12)]))[0]!.held;
    expect(step).toBeCloseTo(182 / 200, 9);
  });

  it('mends a lone octave slip of the tracker, but not a real leap', () => {
    const slip = track(['note', 200]);
    slip.f0[100] = 440;
    expect(judgePhrases(slip)[0]!.held).toBeCloseTo(186 / 200, 9);
    const sub = track(['note', 200]);
    sub.f0[100] = 110;
    expect(judgePhrases(sub)[0]!.held).toBeCloseTo(186 / 200, 9);
    // Two frames an octave up are not a slip: the smoothed pitch rises over frames 96..105, so
    // frames 91..110 see it within their 11 neighbours: 20 fewer held.
    const leap = track(['note', 200]);
    leap.f0[100] = leap.f0[101] = 440;
    expect(judgePhrases(leap)[0]!.held).toBeCloseTo(166 / 200, 9);
  });

  it('breaks a note at a frame the tracker lost, for the 11 frames that see it', () => {
    const dropout = track(['note', 200]);
    dropout.f0[100] = 0;
    expect(judgePhrases(dropout)[0]!.held).toBeCloseTo(175 / 200, 9);
  });

  it('does not smooth over a track that loses every third frame (6 of 9 voiced is too few)', () => {
    expect(judgePhrases(track(['sparse', 300]))[0]!.held).toBe(0);
  });

  it('finds no phrase in silence', () => {
    expect(judgePhrases(track(['rest', 100]))).toEqual([]);
    expect(judgePhrases(track())).toEqual([]);
  });
});

describe('runs of sung phrases (detectSinging)', () => {
  // Sung phrase: a 2 s note (held 0.93). Spoken: a 2 s glide (held 0). Quicker line: a 0.6 s
  // note, a 0.1 s catch and a 1.1 s glide, held over 46 of its 180 frames (0.26, between the
  // bridge share 0.2 and the sung share 0.4). Breath: 0.3 s rest.
  const sung: Piece = ['note', 200];
  const spoken: Piece = ['glide', 200];
  const breath: Piece = ['rest', 30];
  const quicker: Piece[] = [
    ['note', 60],
    ['rest', 10],
    ['glide', 110],
  ];

  it('takes sung phrases with their breaths as one section, edge to edge', () => {
    const found = detectSinging(track(sung, breath, sung));
    expect(found.length).toBe(1);
    expect(found[0]!.start).toBe(0);
    expect(found[0]!.end).toBeCloseTo(4.3, 9);
    expect(judgePhrases(track(...quicker))[0]!.held).toBeCloseTo(46 / 180, 9);
  });

  it('needs 3 s of singing: a lone sung phrase is not a song', () => {
    expect(detectSinging(track(sung))).toEqual([]);
    expect(detectSinging(track(spoken, breath, spoken, breath, spoken))).toEqual([]);
  });

  it('breaks a song at a spoken phrase', () => {
    // A 1.6 s spoken phrase: judged, and the sung phrases around it are only 2.2 s apart.
    expect(detectSinging(track(sung, breath, ['glide', 160], breath, sung))).toEqual([]);
  });

  it('takes 3 s of song and phrases of 1.5 s as long enough, and a gap of 2.5 s as short enough', () => {
    expect(detectSinging(track(['note', 300]))).toEqual([{ start: 0, end: 3 }]);
    const judged = detectSinging(track(['note', 150], breath, ['note', 150]));
    expect(judged.length).toBe(1);
    expect(judged[0]!.start).toBe(0);
    expect(judged[0]!.end).toBeCloseTo(3.3, 9);
    const gap = detectSinging(track(sung, ['rest', 250], sung));
    expect(gap.length).toBe(1);
    expect(gap[0]!.end).toBeCloseTo(6.5, 9);
  });

  it('keeps a long quicker line in the song: the gap is counted from it', () => {
    // A 3.1 s line held over 86 of its 310 frames (0.28): the sung phrases are 3.7 s apart,
    // more than 2.5, but each is within 0.3 s of the line between them.
    const long: Piece[] = [
      ['note', 100],
      ['rest', 10],
      ['glide', 200],
    ];
    expect(judgePhrases(track(...long))[0]!.held).toBeCloseTo(86 / 310, 9);
    const found = detectSinging(track(sung, breath, ...long, breath, sung));
    expect(found.length).toBe(1);
    expect(found[0]!.end).toBeCloseTo(7.7, 9);
  });

  it('keeps a quicker line or an unjudged short phrase between sung ones, not at either end', () => {
    const bridged = detectSinging(track(sung, breath, ...quicker, breath, sung));
    expect(bridged.length).toBe(1);
    expect(bridged[0]!.start).toBe(0);
    expect(bridged[0]!.end).toBeCloseTo(6.4, 9);
    const short = detectSinging(track(sung, breath, ['glide', 100], breath, sung));
    expect(short.length).toBe(1);
    expect(short[0]!.end).toBeCloseTo(5.6, 9);
    // Quicker lines before and after: the section is the sung phrases' only.
    const ends = detectSinging(track(...quicker, breath, sung, breath, sung, breath, ...quicker));
    expect(ends.length).toBe(1);
    expect(ends[0]!.start).toBeCloseTo(2.1, 9);
    expect(ends[0]!.end).toBeCloseTo(6.4, 9);
    // A section ends on its last sung phrase: 1.5 s of song and a quicker line after it is no song.
    expect(detectSinging(track(['note', 150], breath, ...quicker, breath))).toEqual([]);
  });

  it('starts another section after a gap of more than 2.5 s', () => {
    const two = detectSinging(track(sung, breath, sung, ['rest', 260], sung, breath, sung));
    expect(two.map((s) => [s.start, s.end].map((t) => Math.round(t * 100)))).toEqual([
      [0, 430],
      [690, 1120],
    ]);
    const one = detectSinging(track(sung, breath, sung, ['rest', 240], sung, breath, sung));
    expect(one.map((s) => [s.start, s.end].map((t) => Math.round(t * 100)))).toEqual([[0, 1100]]);
  });
});
