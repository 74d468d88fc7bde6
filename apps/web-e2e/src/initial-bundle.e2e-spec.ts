import { gzipSync } from 'node:zlib';
import { launchChromium } from './support/browser';
import { WEB_URL } from './support/servers';

/** The budget: the JavaScript the first page loads, gzipped. Angular's budgets only see raw sizes. */
export const INITIAL_JS_GZIP_LIMIT = 250 * 1024;

describe('initial bundle', () => {
  it('loads under 250 KB of gzipped JavaScript for the first page, without the graph or chart library', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const scripts: Promise<Buffer>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response.body());
      });
      // A visitor's first page: the shell, the guard's session check, then sign-in.
      await page.goto(`${WEB_URL}/`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();

      const bodies = await Promise.all(scripts);
      const gzipped = bodies.reduce((total, body) => total + gzipSync(body, { level: 9 }).length, 0);
      console.log(`first page JavaScript: ${bodies.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped`);

      expect(bodies.length).toBeGreaterThan(0);
      expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_GZIP_LIMIT);
      // sigma's own error text: the graph library must stay on the explorer's route.
      for (const body of bodies) expect(body.toString('utf8')).not.toContain('Container has no width');
      // Chart.js's own error text: the chart library must stay on the dashboard's route.
      for (const body of bodies)
        expect(body.toString('utf8')).not.toContain("can't acquire context from the given item");
    } finally {
      await browser.close();
    }
  });
});
