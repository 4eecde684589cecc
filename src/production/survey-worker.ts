import { parentPort } from 'node:worker_threads';
import { type SurveyedRecording, surveyRecording } from './survey-recording.ts';

// Surveys recordings in a thread of its own (survey-all.ts drives it): each message a file's path,
// answered with progress as it decodes, then its survey without the probe (whose decoders do not
// cross threads; the caller probes the headers again), or that it failed.

export type SurveyRequest = { path: string };

export type SurveyReply =
  | { type: 'progress'; fraction: number }
  | { type: 'surveyed'; survey: Omit<SurveyedRecording, 'probe'> }
  | { type: 'failed' };

parentPort!.on('message', async ({ path }: SurveyRequest) => {
  let sent = 0;
  const progress = (fraction: number) => {
    if (fraction - sent < 0.02) return;
    sent = fraction;
    parentPort!.postMessage({ type: 'progress', fraction } satisfies SurveyReply);
  };
  const reply: SurveyReply = await surveyRecording(path, progress).then(
    ({ probe: _p, ...survey }): SurveyReply => ({ type: 'surveyed', survey }),
    (): SurveyReply => ({ type: 'failed' }),
  );
  parentPort!.postMessage(reply);
});
