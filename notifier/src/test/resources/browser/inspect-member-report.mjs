// Opens the report page of a run over member accounts at argv[2], keeps a full-page screenshot at argv[3], and
// prints as JSON: console errors, requests for anything but the page itself, scripts, the headline figures by
// data-field, every row of the accounts table (its account, region, level and cells as shown) and the
// not-collected rows.
const { launchChromium } = await import(process.env.FLEETOPT_BROWSER_LAUNCHER);
const [pageUrl, screenshot] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors = [];
  const otherRequests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== pageUrl) otherRequests.push(r.url()); });
  await page.goto(pageUrl, { waitUntil: 'load' });
  const findings = await page.evaluate(() => {
    const fields = {};
    for (const el of document.querySelectorAll('[data-field]')) fields[el.dataset.field] = el.textContent.trim();
    const cells = (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    const accountRows = [...document.querySelectorAll('table.accounts tr[data-account]')].map((tr) => ({
      level: tr.className, account: tr.dataset.account, region: tr.dataset.region, cells: cells(tr),
    }));
    const notCollected = [...document.querySelectorAll('table.not-collected tr[data-account]')].map((tr) => cells(tr));
    return {
      fields,
      accountRows,
      notCollected,
      memberRun: document.querySelector('p.member-run')?.textContent.trim() ?? null,
      runCost: document.querySelector('p.run-cost')?.textContent.trim() ?? null,
      scripts: document.querySelectorAll('script').length,
      tableWidth: document.querySelector('table.accounts')?.getBoundingClientRect().width ?? 0,
    };
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ consoleErrors, otherRequests, ...findings }));
} finally {
  await browser.close();
}
