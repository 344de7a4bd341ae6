import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { setField } from './helpers';
import { startServe, type ServeProcess } from './serveProcess';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

async function runCount(): Promise<number> {
  const response = await fetch(`${serve.origin}/api/invoke/runs:list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
    body: JSON.stringify({ trash: 'include' }),
  });
  const result = (await response.json()) as { ok: true; value: { total: number } };
  return result.value.total;
}

test('a paper-toy run started from the page runs to 100% and appears in the history', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/iu.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(serve.url);
  // The token leaves the address bar at once; the cookie carries it from here on.
  await expect(page).toHaveURL(`${serve.origin}/`);
  await expect(page.getByTestId('transport')).toHaveText('browser');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await page.getByTestId('rail-history').click();
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await page.getByTestId('rail-workbench').click();

  await page.getByTestId('preset-select').selectOption('paper-toy');
  await setField(page, 'seeds.count', '4');
  await setField(page, 'schedule.steps', '100');
  await page.screenshot({ path: 'test-results/e2e/1-ready.png', fullPage: true });
  await page.getByTestId('start-button').click();

  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /running|completed/u);
  await expect(page.getByTestId('progress-bar')).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(status).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('progress-text')).toContainText('step 400 of 400 · seeds 4/4');

  // One row per variant: the unprojected baseline and δ ∈ {0.01, 0.005, 0.002}.
  await page.getByTestId('rail-history').click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'paper-toy' })).toHaveCount(4);
  for (const variant of ['unprojected', 'δ = 0.01', 'δ = 0.005', 'δ = 0.002']) await expect(rows.filter({ hasText: variant })).toHaveCount(1);
  await expect(page.locator('[data-testid="history-row"][data-status="completed"]')).toHaveCount(4);
  for (const cell of await page.getByTestId('history-e-inf').allTextContents()) expect(cell).toMatch(/^\d/u);
  await page.screenshot({ path: 'test-results/e2e/2-completed.png', fullPage: true });

  await page.getByTestId('history-search').fill('delta=0.005');
  await expect(rows).toHaveCount(1);
  await page.getByTestId('history-search').fill('no-run-has-these-words');
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await page.getByTestId('history-search').fill('');
  await expect(rows).toHaveCount(4);

  // A reload works on the cookie alone.
  await page.reload();
  await page.getByTestId('rail-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(4);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/e2e/3-dark.png', fullPage: true });
  expect(cspViolations).toEqual([]);
});

test('Cancel stops a long run; its runs end cancelled', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByTestId('preset-select').selectOption('paper-toy');
  // Ten seconds of work or more (a paper-toy seed takes ~0.1 s): the cancel always lands while it runs.
  // The bar shows whole percents: its first one is 3 seeds in, later on a loaded machine.
  await setField(page, 'seeds.count', '300');
  await setField(page, 'schedule.steps', '1000');
  await page.getByTestId('start-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await page.getByTestId('progress-bar').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('eta')).toHaveText(/^ETA \d/u);
  await page.screenshot({ path: 'test-results/e2e/4-running.png', fullPage: true });
  await page.getByTestId('live-cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await page.getByTestId('rail-history').click();
  await expect(page.locator('[data-testid="history-row"][data-status="cancelled"]')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/e2e/5-cancelled.png', fullPage: true });
});

test('without the token the page is a bare 401', async ({ page }) => {
  await page.context().clearCookies();
  // Chromium turns an empty 401 into its own error page (ERR_HTTP_RESPONSE_CODE_FAILURE): read the response itself.
  const load = async (url: string) => {
    const [response] = await Promise.all([page.waitForResponse(url), page.goto(url).catch(() => null)]);
    // The body Chromium reports is its own error page; what the server sent is in the headers.
    return { status: response.status(), length: response.headers()['content-length'], cookie: response.headers()['set-cookie'] };
  };
  const refused = { status: 401, length: '0', cookie: undefined };
  expect(await load(`${serve.origin}/`)).toEqual(refused);
  expect(await load(`${serve.origin}/?token=${'0'.repeat(64)}`)).toEqual(refused);
  expect(await load(`${serve.origin}/index.html`)).toEqual(refused);
});

test('a page of another origin cannot use the lab, even with the cookie in the browser', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('transport')).toHaveText('browser');
  const before = await runCount();
  // Another origin on the same host (another port: the same "site", so the SameSite cookie is sent).
  const evil: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><script>
      const lab = ${JSON.stringify(serve.origin)};
      const results = {};
      const post = (type) => fetch(lab + '/api/invoke/runs:start', { method: 'POST', credentials: 'include', headers: { 'content-type': type }, body: '{"preset":"paper-toy","seeds":1,"steps":5}' })
        .then((r) => r.status, () => 'blocked');
      Promise.all([post('application/json'), post('text/plain'), new Promise((resolve) => {
        const ws = new WebSocket(lab.replace('http', 'ws') + '/api/events');
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      })]).then(([json, plain, socket]) => { document.title = JSON.stringify({ json, plain, socket }); });
    </script>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const evilPort = (evil.address() as AddressInfo).port;
  await page.goto(`http://127.0.0.1:${evilPort}/`);
  await expect(page).toHaveTitle(/socket/u, { timeout: 15_000 });
  const outcome = JSON.parse(await page.title()) as Record<string, unknown>;
  expect(outcome['json']).toBe('blocked');
  expect(['blocked', 401]).toContain(outcome['plain']);
  expect(outcome['socket']).toBe('refused');
  expect(await runCount()).toBe(before);
  await new Promise((resolve) => evil.close(resolve));
});
