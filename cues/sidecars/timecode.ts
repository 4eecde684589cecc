// Time formats the sidecar files use. All take seconds and round to the format's resolution.

function parts(seconds: number, unitsPerSecond: number) {
  const units = Math.round(Math.max(0, seconds) * unitsPerSecond);
  const whole = Math.floor(units / unitsPerSecond);
  return {
    h: Math.floor(whole / 3600),
    m: Math.floor(whole / 60) % 60,
    s: whole % 60,
    minutes: Math.floor(whole / 60),
    fraction: units % unitsPerSecond,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 01:02:03.456 (WebVTT) or 01:02:03,456 (SRT). */
export function clockTime(seconds: number, decimal: '.' | ',' = '.'): string {
  const t = parts(seconds, 1000);
  return `${pad(t.h)}:${pad(t.m)}:${pad(t.s)}${decimal}${pad(t.fraction, 3)}`;
}

/** mm:ss:ff with 75 frames a second (CUE sheets; minutes may pass 99). */
export function cueSheetTime(seconds: number): string {
  const t = parts(seconds, 75);
  return `${pad(t.minutes)}:${pad(t.s)}:${pad(t.fraction)}`;
}

/** mm:ss.xx (LRC). */
export function lrcTime(seconds: number): string {
  const t = parts(seconds, 100);
  return `${pad(t.minutes)}:${pad(t.s)}.${pad(t.fraction)}`;
}
