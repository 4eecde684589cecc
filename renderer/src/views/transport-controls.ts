import { SPEEDS, type Transport } from '../playback/transport.ts';

// The transport bar's settings: playback speed (pitch kept), and the pre-roll and post-roll that
// Play cue adds around the cue. A roll typed out of range is refused with its reason.

export function renderTransportControls(
  root: HTMLElement,
  transport: Transport,
  refuse: (message: string) => void,
): void {
  const speed = document.createElement('select');
  speed.id = 'speed';
  speed.title = 'Playback speed (the pitch is kept)';
  for (const value of SPEEDS) speed.add(new Option(`${value}×`, String(value), value === 1, value === 1));
  speed.addEventListener('change', () => {
    transport.speed = Number(speed.value);
  });
  const roll = (id: string, label: string, title: string) => {
    const input = document.createElement('input');
    input.id = id;
    input.type = 'number';
    input.min = '0';
    input.max = '10';
    input.step = '0.5';
    input.className = 'roll';
    input.title = title;
    const wrap = document.createElement('label');
    wrap.className = 'transport-setting';
    wrap.append(label, input);
    return { input, wrap };
  };
  const pre = roll('pre-roll', 'Pre', 'Pre-roll: seconds Play cue starts before the cue');
  const post = roll('post-roll', 'Post', 'Post-roll: seconds Play cue goes on after the cue');
  const show = () => {
    speed.value = String(transport.speed);
    pre.input.value = String(transport.preRoll);
    post.input.value = String(transport.postRoll);
  };
  for (const field of [pre.input, post.input])
    field.addEventListener('change', () => {
      try {
        transport.setRolls(Number(pre.input.value), Number(post.input.value));
      } catch (error) {
        refuse((error as Error).message);
        show();
      }
    });
  // Its caption goes in a compact transport bar (the list says "1.25×"); its name stays.
  speed.setAttribute('aria-label', 'Speed');
  const speedName = document.createElement('span');
  speedName.className = 'setting-name';
  speedName.textContent = 'Speed';
  const speedWrap = document.createElement('label');
  speedWrap.className = 'transport-setting';
  speedWrap.append(speedName, speed);
  transport.onChange(show);
  show();
  root.append(speedWrap, pre.wrap, post.wrap);
}
