/**
 * The modules the mutation score is kept for (README table), each with the tests Stryker runs on
 * its mutants: those that exercise it directly. Whole-export and whole-alignment suites (minutes
 * per run) would make every mutant cost minutes; they guard the modules end to end in npm test.
 */
export const MODULES = {
  // The unit tests first (bytes against the specs, hand-worked plans: a second or two a run), then
  // the export suites that read whole files back (seconds to minutes a run).
  'audio/export': [
    'id3v2-frames',
    'mp3-frame-bytes',
    'mp4-box-writers',
    'mp4-sample-tables',
    'riff-vorbis-chapters',
    'loudness-plan',
    'delivery-rules',
    'media-encoder-units',
    'id3v2-chapters',
    'mp3-frames',
    'peak-limiter',
    'chapter-limits',
    'm4b-movie-timescale',
    'delivery-presets',
    'export-formats',
  ],
  'audio/loudness': [
    'audio-loudness',
    'true-peak-skips',
    'true-peak-end',
    'live-loudness',
    'loudness-stretches',
    'loudness-presets',
    'peak-limiter',
  ],
  // pitch-singing synthesises speech (a minute a test under Stryker's instrumentation, past its
  // timeout on a busy machine); align-units-sections tests singing-voice.ts directly instead.
  'audio/align': [
    'map-cues',
    'pair-songs',
    'align-units',
    'align-units-sections',
    'align-units-window-walk',
    'align-units-place-cues',
    'align-units-dtw',
    'align-units-mfcc',
    'align-units-takes',
    'align-units-takes-edges',
  ],
  'cues/readers': [
    'fountain-reader',
    'fountain-elements',
    'fountain-markup-edges',
    'reader-lines',
    'prose-lines',
    'drama-reader',
    'drama-broadcast-layouts',
    'drama-cue-lines',
    'script-reader-misreadings',
    'prose-dialogue',
    'quote-styles',
    'seed-golden',
    'parse-robustness',
    'speech-text',
    'case-files',
    'format-detection',
    'separators',
    'script-title',
    'prose-trial',
    'prose-speakers-edges',
  ],
  'cues/sidecars': [
    'sidecars',
    'sidecar-grammar',
    'chapter-imports',
    'chapter-roundtrip',
    'import-chapters',
    'spoken-exports',
    'chapter-import-edges',
    'caption-and-chapter-edges',
  ],
  'src/project': [
    'project-store-units',
    'project-files',
    'project-backups',
    'project-fuzz',
    'project-size',
    'project-references',
    'cue-sheet-schema',
    'project-pickups',
    'project-migration',
    'project-validation',
    'check-recordings',
    'takes-saved',
    'project-schema-edges',
  ],
  'src/io': [
    'atomic-write',
    'part-sweep',
    'input-files',
    'decode-script',
    'output-names',
    'project-files',
    'safe-file-name',
  ],
};

/**
 * Tests a module's mutation run leaves out by name (a regular expression): the ffmpeg agreement
 * checks, the stretches joined on a real reading and the live meter on real speech run up to a
 * minute of audio through every instrumented loop (2 mutants a minute on a busy machine), and npm
 * test runs them anyway; the hand-worked tests of the same code stay in.
 */
export const LEAVE_OUT = {
  'audio/loudness': "agrees with ffmpeg's ebur128 filter|joins to the whole recording|on real speech",
  // Three 5 MB scripts through every reader: a minute uninstrumented, a hang check, not a reading.
  // The fuzz property (1,500 random scripts, each parsed twice, once in a worker thread) checks
  // only that a sheet is valid: on a busy machine it outruns Stryker's timeout under every mutant
  // of a reader, so mutants counted as detected by timing out were only slow.
  'cues/readers': 'survives 5 MB scripts|always gives a valid cue sheet',
};
