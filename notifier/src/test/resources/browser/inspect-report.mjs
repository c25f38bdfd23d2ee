// Opens the report page at argv[2], keeps a full-page screenshot at argv[3], and prints as JSON: console errors,
// requests for anything but the page itself, the headline figures by data-field, the chart's points by series, and
// each change set's function rows (function, status, realized).
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
    const points = (series) => [...document.querySelectorAll(`svg.chart circle.point.${series}`)]
      .map((c) => ({ week: c.dataset.week, usd: c.dataset.usd }));
    const functionRows = [...document.querySelectorAll('section.change-set')].flatMap((section) =>
      [...section.querySelectorAll('table.functions tr')].slice(1).map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
        return { run: section.dataset.run, function: cells[0], status: cells[2], realized: cells[10] };
      }));
    return {
      title: document.title,
      functionRows,
      fields,
      estimated: points('estimated'),
      realized: points('realized'),
      scripts: document.querySelectorAll('script').length,
      chartWidth: document.querySelector('svg.chart')?.getBoundingClientRect().width ?? 0,
    };
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ consoleErrors, otherRequests, ...findings }));
} finally {
  await browser.close();
}
