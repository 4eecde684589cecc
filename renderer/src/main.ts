import { startApp } from './app.ts';

// The handle tests and the developer console use to look at live state (never to change it behind the UI's back).
declare global {
  interface Window {
    cuewrightApp?: ReturnType<typeof startApp>;
  }
}

window.cuewrightApp = startApp();
