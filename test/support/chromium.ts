import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's `chromium` package; `.ci/run` installs it. Playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Browser tests may be skipped on a developer machine without chromium, never in CI: there a
 * missing browser must fail the run instead of passing it silently.
 */
export const skipBrowserTests = (env: NodeJS.ProcessEnv = process.env): boolean =>
  !existsSync(CHROMIUM_PATH) && env.CI !== 'true';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS, headless: true });
