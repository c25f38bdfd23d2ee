// Drives the review page in headless Chromium, as an approver would, without JavaScript on the page.
// argv[2]: JSON {prefetch, approve, reject, forged, tampered, expired, untick: [ids], approver, screenshots}
// Prints one JSON line with what each step saw.
import { decide, heading } from './review-steps.mjs';
const { launchChromium } = await import(process.env.FLEETOPT_BROWSER_LAUNCHER);
const links = JSON.parse(process.argv[2]);
const browser = await launchChromium();
const seen = {};
try {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
    hasTouch: true, javaScriptEnabled: false });
  const requests = [];
  desktop.on('request', (r) => requests.push(r.url()));

  // A mail scanner or link previewer: three GETs of the link.
  const scanner = await desktop.newPage();
  seen.prefetch = [];
  for (let i = 0; i < 3; i++) {
    const response = await scanner.goto(links.prefetch);
    seen.prefetch.push(response.status());
  }

  // The approver on a phone and on a desktop: screenshots of the page as it first shows.
  const onPhone = await phone.newPage();
  await onPhone.goto(links.approve);
  await onPhone.screenshot({ path: `${links.screenshots}/review-page-phone.png`, fullPage: false });
  seen.phoneWidth = await onPhone.evaluate(() => document.documentElement.scrollWidth);
  const page = await desktop.newPage();
  const opened = await page.goto(links.approve);
  seen.opened = { status: opened.status(), title: await page.title(), checked: await page.locator('input[name=item]:checked').count() };
  await page.screenshot({ path: `${links.screenshots}/review-page-desktop.png`, fullPage: false });
  // A second tab on the same link, still showing the form after the decision is taken in the first.
  const staleTab = await desktop.newPage();
  await staleTab.goto(links.approve);

  // Approve a subset: untick some changes, name yourself, approve the rest.
  const approved = await decide(page, { untick: links.untick, approver: links.approver, button: 'approve' });
  seen.approved = { status: approved.status(), heading: await heading(page), text: await page.locator('main').textContent() };

  // The same form submitted again from the stale tab: the link was used.
  const reused = await decide(staleTab, { approver: 'someone else', button: 'approve' });
  seen.reused = { status: reused.status(), heading: await heading(staleTab), text: await staleTab.locator('main').textContent() };

  // A second visit of the link shows the decision taken.
  const again = await page.goto(links.approve);
  seen.secondVisit = { status: again.status(), text: await page.locator('main').textContent() };

  // Reject all, on another run.
  const rejectPage = await phone.newPage();
  await rejectPage.goto(links.reject);
  const rejected = await decide(rejectPage, { approver: links.approver, button: 'reject' });
  seen.rejected = { status: rejected.status(), heading: await heading(rejectPage) };

  for (const bad of ['forged', 'tampered', 'expired']) {
    const response = await page.goto(links[bad]);
    seen[bad] = { status: response.status(), heading: await heading(page) };
  }
  seen.externalRequests = requests.filter((u) => !u.startsWith(links.origin));
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
