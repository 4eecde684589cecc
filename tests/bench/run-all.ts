// `npm run bench`: speed and memory figures, each beside a reference run in the same process.
import { benchAlign, benchAlignHarder, benchAlignHuman, benchAlignLong } from './bench-align.ts';
import { benchApp } from './bench-app.ts';
import { benchAppProduction } from './bench-app-production.ts';
import { benchAssemble } from './bench-assemble.ts';
import { benchAssembleFull } from './bench-assemble-full.ts';
import { benchAudio } from './bench-audio.ts';
import { benchDramaExport } from './bench-drama-export.ts';
import { benchParse } from './bench-parse.ts';
import { benchProduction } from './bench-production.ts';
import { peakRssMb } from './measure.ts';

console.log(`Cuewright benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
benchParse();
await benchAlignHuman();
await benchAlign();
await benchAlignHarder();
benchAlignLong();
await benchAudio();
await benchApp();
await benchAppProduction();
await benchProduction();
await benchAssemble();
await benchAssembleFull();
await benchDramaExport();
console.log(`\n${peakRssMb()}`);
