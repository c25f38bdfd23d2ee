// Launches Debian's headless Chromium (/usr/bin/chromium) through playwright-core, with the flags this
// machine's closed network needs (no background networking, no component updates, a fresh profile).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FLEETOPT_CHROMIUM || '/usr/bin/chromium';

export async function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
