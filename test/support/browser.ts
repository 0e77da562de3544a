/**
 * Debian's Chromium driven by playwright-core, for testing public pages as a person sees them.
 * Missing Chromium skips those tests on a developer's machine but fails them under CI=true
 * (.ci/services.sh installs it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.GOVFLOW_CHROMIUM ?? '/usr/bin/chromium';

export function requireChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium is required under CI=true at ${CHROMIUM} (bash .ci/services.sh)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
