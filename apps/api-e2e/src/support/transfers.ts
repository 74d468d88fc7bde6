import { once } from 'node:events';
import { ZipFile } from 'yazl';
import type { DataTransfer, Insight, Page } from '@insight/contracts';
import { API_URL } from './apps';
import { callAs, jsonOf } from './insights-client';
import type { TestUser } from './users';

/** The first record of a JSON export (format version 1), for files a test writes by hand. */
export function jsonExportHeader(exportedAt = new Date().toISOString()) {
  return { record: 'header', formatVersion: 1, generator: 'insight-tracker', exportedAt };
}

/** A zip of `files` (path → content), as a vault export would be. */
export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [path, body] of Object.entries(files))
    zip.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), path);
  zip.end();
  const chunks: Buffer[] = [];
  zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(zip.outputStream, 'end');
  return Buffer.concat(chunks);
}

/** Waits until a transfer (export or import) at `path` ends. */
export async function waitFor(user: TestUser, path: string, timeoutMs = 30_000): Promise<DataTransfer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const transfer = await jsonOf<DataTransfer>(await callAs(user, path), 200);
    if (transfer.status === 'completed' || transfer.status === 'failed') return transfer;
    if (Date.now() > deadline) throw new Error(`${path} did not finish: ${JSON.stringify(transfer)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Uploads a zip as a Markdown import (the answer as it comes). */
export function uploadZip(user: TestUser, zip: Buffer): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'vault.zip');
  return fetch(`${API_URL}/api/v1/imports`, { method: 'POST', headers: user.headers, body: form });
}

/** Uploads a zip as a Markdown import and waits until the import ends. */
export async function importZip(user: TestUser, zip: Buffer): Promise<DataTransfer> {
  const accepted = await jsonOf<DataTransfer>(await uploadZip(user, zip), 202);
  expect(accepted.format).toBe('markdown');
  return waitFor(user, `/imports/${accepted.id}`);
}

export async function insightsOf(user: TestUser): Promise<Insight[]> {
  return (await jsonOf<Page<Insight>>(await callAs(user, '/insights?limit=100'), 200)).items;
}
