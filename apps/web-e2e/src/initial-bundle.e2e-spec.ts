import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from './support/servers';

/** The budget: the first route's JavaScript, gzipped. Angular's budgets only see raw sizes. */
export const INITIAL_JS_GZIP_LIMIT = 250 * 1024;

describe('initial bundle', () => {
  it('keeps the JavaScript the first page loads under 250 KB gzipped, the graph library out of it', () => {
    const index = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const files = [
      ...index.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
      ...index.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ].map((match) => match[1]);
    expect(files.length).toBeGreaterThan(0);

    const sources = [...new Set(files)].map((file) => readFileSync(join(WEB_DIST, file)));
    const gzipped = sources.reduce((total, source) => total + gzipSync(source, { level: 9 }).length, 0);
    console.log(`initial JavaScript: ${files.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped`);

    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_GZIP_LIMIT);
    for (const source of sources) expect(source.toString('utf8')).not.toMatch(/Sigma: Container has no/);
  });
});
