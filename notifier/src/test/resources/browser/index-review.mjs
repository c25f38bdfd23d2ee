// Opens the review page of a run over member accounts in headless Chromium (JavaScript off on the page), reads what
// the approver sees, then approves all but some changes.
// argv[2]: JSON {link, origin, untick: [ids], approver, screenshot}
// Prints one JSON line with what it saw.
import { decide, heading } from './review-steps.mjs';
const { launchChromium } = await import(process.env.FLEETOPT_BROWSER_LAUNCHER);
const args = JSON.parse(process.argv[2]);
const browser = await launchChromium();
const seen = {};
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const opened = await page.goto(args.link);
  seen.opened = { status: opened.status(), title: await page.title(), heading: await heading(page) };
  seen.intro = (await page.locator('main p').first().textContent()).trim();
  seen.totals = await page.locator('ul.totals li').evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('b').textContent.trim(), li.textContent.slice(li.querySelector('b').textContent.length).trim()]));
  // the accounts and regions table: the one table on the page
  seen.targetRows = await page.locator('table tr').evaluateAll((rows) =>
    rows.filter((r) => r.querySelector('td')).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())));
  seen.form = await page.locator('form').evaluate((form) => ({
    method: form.getAttribute('method'),
    action: form.getAttribute('action'),
    hidden: Object.fromEntries([...form.querySelectorAll('input[type=hidden]')].map((i) => [i.name, i.value])),
    buttons: [...form.querySelectorAll('button[type=submit]')].map((b) => [b.name, b.value, b.textContent.trim()]),
    approverRequired: form.querySelector('#approver').required,
  }));
  // each change to approve under the (account, region) heading it is grouped by
  seen.groups = await page.locator('form').evaluate((form) => {
    const groups = [];
    for (const el of form.children) {
      if (el.tagName === 'H3') {
        groups.push({ heading: el.textContent.trim(), items: [] });
      } else if (el.tagName === 'FIELDSET' && groups.length > 0) {
        for (const box of el.querySelectorAll('input[name=item]')) {
          groups[groups.length - 1].items.push({ id: box.value, checked: box.checked, function: el.querySelector('legend').textContent.trim(),
            what: form.querySelector(`label[for="${box.id}"] .what`).textContent.trim() });
        }
      }
    }
    return groups;
  });
  seen.notCollected = await page.locator('h2:has-text("Not collected") + p + div li').evaluateAll((lis) => lis.map((li) => li.textContent.trim()));
  await page.screenshot({ path: args.screenshot, fullPage: true });

  const approved = await decide(page, { untick: args.untick, approver: args.approver, button: 'approve' });
  seen.approved = { status: approved.status(), heading: await heading(page) };
  seen.externalRequests = requests.filter((u) => !u.startsWith(args.origin));
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
