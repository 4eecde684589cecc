import { parseArgs } from 'node:util';
import { InputError } from '../../cues/input-error.ts';
import { onCutShort } from '../audio-io/cut-short.ts';
import { UsageError } from './cli-error.ts';
import { commandUsage } from './command-usage.ts';
import { runAlign } from './commands/align.ts';
import { runAlignProduction } from './commands/align-production.ts';
import { runAnalyze } from './commands/analyze.ts';
import { runAssemble } from './commands/assemble.ts';
import { runChapters } from './commands/chapters.ts';
import { runDemo } from './commands/demo.ts';
import { runExport } from './commands/export.ts';
import { isDramaProject, runExportDrama } from './commands/export-drama.ts';
import { isAudioFile, namedAsAudio, runExportProduction } from './commands/export-production.ts';
import { runExportStems } from './commands/export-stems.ts';
import { runLanes } from './commands/lanes.ts';
import { runParse } from './commands/parse.ts';
import { runPickup } from './commands/pickup.ts';
import { runProject } from './commands/project.ts';
import { runScratch } from './commands/scratch.ts';
import { runServe } from './commands/serve.ts';
import { type Io, processIo } from './output.ts';

const USAGE = `usage: cuewright <command> [options]

commands:
  parse SCRIPT [--json] [--format prose|drama|fountain] [-o CUES.json]
      read a script (prose, NAME: line drama, Fountain) into a cue sheet
  scratch SCRIPT -o OUT.wav [--cues OUT.json] [--json]
      a text-to-speech table read (offline eSpeak NG voices) with every cue's exact time
  align SCRIPT AUDIO [--json] [-o CUES.json] [--engine auto|acoustic|tts] [--language en-us]
      place every cue on the recording (English: an acoustic model; other languages: a TTS reference
      + MFCC + DTW), with a review flag and its reason on every cue worth a listen
  align SCRIPT A B C... [-o PROJECT.cwproj | -o CUES.json] [--json]
      the script over several files in order (one per chapter or session): which stretch each file
      holds (a file holding none of it is named), every cue placed on its file
  analyze AUDIO [--json]
      duration, loudness (BS.1770-4: integrated, range, true peak), ACX checks, pauses
  export SCRIPT AUDIO -o OUT.(mp3|m4b|flac|opus|wav) [--cues CUES.json] [--loudness -16|podcast|podcast-mono|ebu-r128|acx]
         [--sidecars [--force]] [--lyric-chapters] [--title T] [--artist A] [--album A] [--cover IMG] [--bitrate 128k] [--sample-rate 44.1k] [--wav-id3] [--per-chapter [--room-tone 2]]
      the finished, chaptered file (+ WebVTT/JSON/CUE/ffmetadata/Audacity/LRC/SRT sidecars; an existing
      file under a sidecar's name that no earlier export wrote is kept unless --force); podcast is stereo
      and podcast-mono mono, both 44.1 kHz at 128/64 kbps; acx writes one MP3 per chapter (192 kbps CBR,
      44.1 kHz, room tone fitted) and checks each file against ACX's requirements
  export [SCRIPT [--cues CUES.json] | PROJECT.cwproj] A B C... -o OUT [--gap auto|SECONDS] [--keep-chapters]
         [the options above]
      one file (or one per chapter) from every recording in order: room tone at joins where a file
      stops or starts on sound (auto) or SECONDS at every join, loudness over the whole production;
      with no script a chapter per file from its tags or name; --keep-chapters keeps the files' own
      chapters, shifted, in place of those (or of the script's inside each file that has its own)
  assemble SCRIPT --takes DIR -o PROJECT.cwproj [--sfx DIR] [--music DIR] [--json]
      an audio drama from each actor's take files (named after the character): every line found in
      its actor's files, every take listed, the last complete take laid out in script order;
      [SFX: ...] / SFX: and [MUSIC: ...] / MUSIC: cues play the file of --sfx / --music whose name
      shares the most words with the cue (at least half of both; a tie or less is listed missing)
  export PROJECT.cwproj -o MIX --stems DIR [--no-level]
      an assembled drama's mix (MIX.wav, or any format of the export below, delivered as it does) and
      one float WAV per lane (same length, sample-aligned, after gain,
      pan and levelling; a muted lane's stem is still written but left out of the mix, so with
      nothing muted or soloed the stems sum to the mix)
  export PROJECT.cwproj -o OUT.(m4b|mp3|flac|opus|wav) [--no-level] [--loudness ...] [--title T] [--artist A]
         [--album A] [--cover IMG] [--bitrate 128k] [--sample-rate 44.1k]
      an assembled drama mixed and delivered, chaptered: dialogue levelled per actor to a common
      loudness (--no-level: as recorded; else as the project says, levelled unless set off in the app), sounds at their cues, music ducked under dialogue
  lanes PROJECT.cwproj [--set "LANE gain=DB pan=-1..1"]... [--mute LANE]... [--unmute LANE]...
         [--solo LANE]... [--unsolo LANE]... [--json]
      a drama's lane settings, saved in the project and used by its export (mix and stems)
  project PROJECT.cwproj [--json]
      its recordings, every cue with its recording and time inside it, and the chapters
  pickup PROJECT.cwproj PICKUP [--from CUE --to CUE] [-o OUT.cwproj]
  pickup PROJECT.cwproj --undo ID | --remove ID
      a re-recording of those cues (id or number; without them, the cues it says, found by
      listening) cut in at the pauses around them with 50 ms crossfades, at the level of the
      reading around it; the original is kept, --undo takes it out; --remove drops a pickup
      taken out from the project (its file is then no longer needed)
  chapters FILE [--audio AUDIO]... [--json]
      the chapters of a CUE sheet, ffmetadata, Audacity labels, WebVTT chapters, Podcasting 2.0 JSON,
      or those inside an audio file (MP3, M4B/M4A, FLAC, Ogg, WAV); a CUE sheet of several files
      finds them beside it (or as --audio, in order) to place each after the ones before
  demo [--out DIR]
      the sample production end to end into ./out/
  serve [--port 5178] [--root DIR]
      the app in a browser at http://127.0.0.1:PORT/ (file picks are typed in this terminal, inside DIR)

options:
  --json        print the result as JSON
  -h, --help    this help
`;

const OPTIONS = {
  json: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  out: { type: 'string' },
  cues: { type: 'string' },
  loudness: { type: 'string' },
  sidecars: { type: 'boolean' },
  'lyric-chapters': { type: 'boolean' },
  'wav-id3': { type: 'boolean' },
  title: { type: 'string' },
  artist: { type: 'string' },
  album: { type: 'string' },
  cover: { type: 'string' },
  bitrate: { type: 'string' },
  'sample-rate': { type: 'string' },
  'per-chapter': { type: 'boolean' },
  'room-tone': { type: 'string' },
  force: { type: 'boolean' },
  port: { type: 'string' },
  engine: { type: 'string' },
  language: { type: 'string' },
  root: { type: 'string' },
  audio: { type: 'string', multiple: true },
  gap: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  undo: { type: 'string' },
  remove: { type: 'string' },
  'keep-chapters': { type: 'boolean' },
  takes: { type: 'string' },
  stems: { type: 'string' },
  sfx: { type: 'string' },
  music: { type: 'string' },
  'no-level': { type: 'boolean' },
  set: { type: 'string', multiple: true },
  mute: { type: 'string', multiple: true },
  unmute: { type: 'string', multiple: true },
  solo: { type: 'string', multiple: true },
  unsolo: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one command; returns the exit code: 0 done, 2 bad input or usage, 1 a bug. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  onCutShort((line) => io.err(`cuewright: ${line}\n`));
  try {
    const { values, positionals } = parseCommandLine(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      // `COMMAND --help` (or `help COMMAND`): that command's usage alone.
      const asked = command === 'help' ? rest[0] : command;
      io.out((asked && commandUsage(USAGE, asked)) || USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    switch (command) {
      case 'parse':
        await runParse({ script: onePath(rest, 'SCRIPT'), json: values.json ?? false, ...opt(values) }, io);
        return 0;
      case 'scratch':
        await runScratch(
          { script: onePath(rest, 'SCRIPT'), json: values.json ?? false, ...opt(values), ...cuesOpt(values) },
          io,
        );
        return 0;
      case 'align': {
        // Several recordings, or a project to write: the production path (one file makes a project too).
        if (rest.length > 2 || (rest.length === 2 && values.output?.endsWith('.cwproj'))) {
          await runAlignProduction(
            {
              script: rest[0]!,
              audio: rest.slice(1),
              json: values.json ?? false,
              ...opt(values),
              ...defined({ engine: values.engine, language: values.language }),
            },
            io,
          );
          return 0;
        }
        if (rest.length !== 2)
          throw new UsageError(`expected SCRIPT and AUDIO arguments, got ${rest.length}`);
        await runAlign(
          {
            script: rest[0]!,
            audio: rest[1]!,
            json: values.json ?? false,
            ...opt(values),
            ...defined({ engine: values.engine, language: values.language }),
          },
          io,
        );
        return 0;
      }
      case 'analyze':
        await runAnalyze({ audio: onePath(rest, 'AUDIO'), json: values.json ?? false }, io);
        return 0;
      case 'export': {
        const { title, artist, album, cover, bitrate, loudness } = values;
        const exportStemsWith = (setAside = false) =>
          runExportStems(
            {
              project: onePath(rest, 'PROJECT'),
              stems: values.stems!,
              json: values.json ?? false,
              noLevel: values['no-level'] ?? false,
              setAside,
              ...defined({ output: setAside ? undefined : values.output }),
            },
            io,
          );
        const drama = rest.length === 1 && (await isDramaProject(rest[0]!));
        // A WAV mix beside stems is the stems' float sum. In another format, or a WAV asked for a
        // delivery (a tester's `-o mix.wav --stems s --loudness -16` was written at -18.5 LUFS
        // without a word), the stems are written with a WAV mix set aside and the mix is delivered
        // as asked by the drama export (asked first: what it refuses is refused before any work).
        const delivery = ['loudness', 'title', 'artist', 'album', 'cover', 'bitrate', 'sample-rate'] as const;
        const mixAsWav =
          (values.output === undefined || values.output.toLowerCase().endsWith('.wav')) &&
          delivery.every((k) => values[k] === undefined);
        if (values.stems !== undefined && (mixAsWav || !drama)) {
          await exportStemsWith();
          return 0;
        }
        if (drama) {
          // An assembled drama: its lanes mixed, then delivered like any export.
          const refused = (
            [
              'sidecars',
              'per-chapter',
              'room-tone',
              'gap',
              'keep-chapters',
              'lyric-chapters',
              'wav-id3',
              'cues',
            ] as const
          )
            .filter((k) => values[k] !== undefined)
            .map((k) => `--${k}`);
          await runExportDrama(
            {
              project: rest[0]!,
              noLevel: values['no-level'] ?? false,
              json: values.json ?? false,
              refused,
              ...defined({
                output: values.output,
                loudness,
                title,
                artist,
                album,
                cover,
                bitrate,
                sampleRate: values['sample-rate'],
              }),
            },
            io,
          );
          if (values.stems !== undefined) await exportStemsWith(true);
          return 0;
        }
        // Several recordings, a project, no script, or the production's own options: a production.
        const production =
          rest.length !== 2 ||
          rest[0]!.endsWith('.cwproj') ||
          values.gap !== undefined ||
          values['keep-chapters'] !== undefined ||
          namedAsAudio(rest[0]!) ||
          (await isAudioFile(rest[0]!));
        // The options both exports take, read once.
        const common = {
          json: values.json ?? false,
          sidecars: values.sidecars ?? false,
          lyricChapters: values['lyric-chapters'] ?? false,
          wavId3: values['wav-id3'] ?? false,
          perChapter: values['per-chapter'] ?? false,
          force: values.force ?? false,
          ...defined({ roomTone: values['room-tone'] }),
          ...defined({
            output: values.output,
            cues: values.cues,
            title,
            artist,
            album,
            cover,
            bitrate,
            sampleRate: values['sample-rate'],
            loudness,
          }),
        };
        if (production) {
          // Not carried through a production's export yet: refused, not silently ignored.
          if (values['sample-rate'] !== undefined)
            throw new UsageError(
              '--sample-rate is taken by the export of a script and its recording only, so far',
            );
          await runExportProduction(
            {
              inputs: rest,
              keepChapters: values['keep-chapters'] ?? false,
              ...common,
              ...defined({ gap: values.gap }),
            },
            io,
          );
          return 0;
        }
        await runExport({ script: rest[0]!, audio: rest[1]!, ...common }, io);
        return 0;
      }
      case 'pickup': {
        if (rest.length < 1 || rest.length > 2)
          throw new UsageError(`expected PROJECT and PICKUP arguments, got ${rest.length}`);
        await runPickup(
          {
            project: rest[0]!,
            ...(rest[1] !== undefined ? { pickup: rest[1] } : {}),
            ...defined({
              from: values.from,
              to: values.to,
              undo: values.undo,
              remove: values.remove,
              output: values.output,
              engine: values.engine,
            }),
          },
          io,
        );
        return 0;
      }
      case 'assemble':
        if (!values.takes || !values.output)
          throw new UsageError('assemble needs --takes DIR and -o PROJECT.cwproj');
        await runAssemble(
          {
            script: onePath(rest, 'SCRIPT'),
            takes: values.takes,
            output: values.output,
            json: values.json ?? false,
            ...defined({ format: values.format, sfx: values.sfx, music: values.music }),
          },
          io,
        );
        return 0;
      case 'lanes':
        await runLanes(
          {
            project: onePath(rest, 'PROJECT'),
            set: values.set ?? [],
            mute: values.mute ?? [],
            unmute: values.unmute ?? [],
            solo: values.solo ?? [],
            unsolo: values.unsolo ?? [],
            json: values.json ?? false,
          },
          io,
        );
        return 0;
      case 'project':
        await runProject({ project: onePath(rest, 'PROJECT'), json: values.json ?? false }, io);
        return 0;
      case 'chapters':
        await runChapters(
          { file: onePath(rest, 'FILE'), audio: values.audio ?? [], json: values.json ?? false },
          io,
        );
        return 0;
      case 'demo':
        await runDemo({ outDir: values.out ?? 'out' }, io);
        return 0;
      case 'serve':
        await runServe({ port: Number(values.port ?? 5178), root: values.root ?? process.cwd() }, io);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: cuewright --help)`);
    }
  } catch (error) {
    if (error instanceof InputError) {
      // Always one line: messages may quote input (a JSON parser's snippet, a line of a file).
      io.err(`cuewright: ${error.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
      return 2;
    }
    io.err(`cuewright: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

function parseCommandLine(argv: string[]) {
  // "--loudness -16": a negative number is the option's value, not another option.
  const args = argv.flatMap((arg, i) => {
    const previous = argv[i - 1];
    if (/^-\d/.test(arg) && previous?.startsWith('--') && !previous.includes('=')) return [];
    const next = argv[i + 1];
    return arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)
      ? [`${arg}=${next}`]
      : [arg];
  });
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}

function onePath(rest: string[], name: string): string {
  if (rest.length !== 1) throw new UsageError(`expected one ${name} argument, got ${rest.length}`);
  return rest[0]!;
}

/** Drops undefined values, so optional properties stay absent (exactOptionalPropertyTypes-safe). */
function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}

function cuesOpt(values: { cues?: string }) {
  return values.cues !== undefined ? { cues: values.cues } : {};
}

function opt(values: { format?: string; output?: string }) {
  return {
    ...(values.format !== undefined ? { format: values.format } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
  };
}
