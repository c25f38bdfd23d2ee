// What an approver does on a review page, shared by the review pages' browser scripts.

/** The page's first heading. */
export const heading = async (page) => (await page.locator('h1').first().textContent()).trim();

/**
 * Unticks the changes in `untick`, names the approver, presses the `button` ("approve" or "reject") and waits for
 * the answer; returns the response of the POST.
 */
export async function decide(page, { untick = [], approver, button }) {
  for (const id of untick) {
    await page.locator(`input[name=item][value="${id}"]`).uncheck();
  }
  await page.fill('#approver', approver);
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`button[value=${button}]`)]);
  return response;
}
