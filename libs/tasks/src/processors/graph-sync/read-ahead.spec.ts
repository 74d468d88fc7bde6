import { readAhead } from './graph-rebuild.service';

describe('readAhead', () => {
  it('asks for the next batch before the current one is consumed, and yields every batch in order', async () => {
    const events: string[] = [];
    async function* source() {
      for (const n of [1, 2, 3]) {
        events.push(`read ${n}`);
        yield n;
      }
    }
    const profile = { readSeconds: 0 };
    const seen: number[] = [];
    for await (const n of readAhead(source(), profile)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`write ${n}`);
      seen.push(n);
    }
    expect(seen).toEqual([1, 2, 3]);
    // The read of 2 happened while 1 was being written, and so on.
    expect(events).toEqual(['read 1', 'read 2', 'write 1', 'read 3', 'write 2', 'write 3']);
    expect(profile.readSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports a failed read at the next batch and closes the source when the consumer stops', async () => {
    let closed = false;
    async function* failing() {
      try {
        yield 1;
        throw new Error('read failed');
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of readAhead(failing(), { readSeconds: 0 })) seen.push(n);
      })(),
    ).rejects.toThrow('read failed');
    expect(seen).toEqual([1]);
    expect(closed).toBe(true);

    let endlessClosed = false;
    async function* endless() {
      try {
        for (let n = 0; ; n++) yield n;
      } finally {
        endlessClosed = true;
      }
    }
    for await (const n of readAhead(endless(), { readSeconds: 0 })) if (n === 2) break;
    expect(endlessClosed).toBe(true);
  });
});
