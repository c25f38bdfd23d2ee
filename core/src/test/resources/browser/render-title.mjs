// Opens the page at argv[2] and prints {"title": ..., "consoleErrors": [...]} as JSON.
const { launchChromium } = await import(process.env.FLEETOPT_BROWSER_LAUNCHER);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(process.argv[2]);
  console.log(JSON.stringify({ title: await page.title(), consoleErrors }));
} finally {
  await browser.close();
}
