import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/app/dispatch.ts';
import { createHandlers } from '../../src/app/handlers.ts';
import { OpenAudio } from '../../src/app/open-audio.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { surveyRecording } from '../../src/production/survey-recording.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { segments, tempDir, writeWav } from '../support/signals.ts';

// The room tone the preview plays in a gap is the one the export tiles there: the recording's
// quietest half second, as surveyRecording finds it for the export.

const RATE = 44_100;

describe('a recording’s room tone for the preview', () => {
  const dir = tempDir('room-tone');
  const path = writeWav(
    join(dir, 'take.wav'),
    segments(
      RATE,
      2,
      [
        { seconds: 2, db: -18, tone: 220 },
        { seconds: 1.2, db: -52 },
        { seconds: 2, db: -20, tone: 330 },
      ],
      7,
    ),
    RATE,
  );

  it('is the export’s quietest half second, planar float32 at the file’s rate, with its level', async () => {
    const opened = await OpenAudio.open(path, join(dir, 'cache'));
    const tone = await opened.roomTone();
    const exported = (await surveyRecording(path)).roomTone!;
    expect(tone).not.toBeNull();
    expect([tone!.sampleRate, tone!.channels, tone!.frames]).toEqual([RATE, 2, RATE / 2]);
    const samples = new Float32Array(tone!.data.buffer, tone!.data.byteOffset, tone!.frames * tone!.channels);
    expect(samples.subarray(0, tone!.frames)).toEqual(exported[0]);
    expect(samples.subarray(tone!.frames)).toEqual(exported[1]);
    // The -52 dB stretch (16-bit WAV): nowhere near the -18/-20 dB speech around it.
    expect(tone!.rmsDb).toBeGreaterThan(-54);
    expect(tone!.rmsDb).toBeLessThan(-50);
  });

  it('is null for a file shorter than half a second', async () => {
    const short = writeWav(join(dir, 'blip.wav'), segments(RATE, 1, [{ seconds: 0.3, db: -30 }]), RATE);
    expect(await (await OpenAudio.open(short, join(dir, 'cache'))).roomTone()).toBeNull();
  });

  it('is handed out by the back end for a recording of the open project, and only for one', async () => {
    const picker = new ScriptedPicker();
    const handlers = createHandlers({
      dataDir: join(dir, 'data'),
      picker,
      grants: new PathGrants(),
      mediaUrl: (t) => `/media/${t}`,
      emit: () => {},
    });
    picker.answers.push(SAMPLE_SEED, path);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    const view = await handlers.newProject({ scriptPath: SAMPLE_SEED, audioPath: path });
    const reply = await dispatch(handlers, 'roomTone', { path: view.recordings[0]!.path });
    expect(reply.ok).toBe(true);
    const tone = reply.ok ? (reply.value as { frames: number; rmsDb: number }) : undefined;
    expect(tone?.frames).toBe(RATE / 2);
    expect(tone?.rmsDb).toBeLessThan(-50);
    const other = await dispatch(handlers, 'roomTone', { path: join(dir, 'blip.wav') });
    expect(other.ok ? 'accepted' : other.error.message).toMatch(
      /blip\.wav: not a recording of the open project/,
    );
  });
});
