import { groupedCalls } from './grouped-calls';

/** A batch function that records its batches and answers when told to. */
function recorder() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = (keys: readonly number[]) => {
    batches.push([...keys]);
    return new Promise<(number | Error)[]>((resolve) =>
      releases.push(() => resolve(keys.map((k) => (k < 0 ? new Error(`bad ${k}`) : k * 10)))),
    );
  };
  // The batch goes out on the turn of the event loop after the call: wait two turns.
  const settle = async () => {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, releases, run, settle };
}

describe('groupedCalls', () => {
  it('sends calls made together in one batch and answers each with its own result', async () => {
    const { batches, releases, run, settle } = recorder();
    const call = groupedCalls(run);
    const answers = Promise.all([call(1), call(2), call(3)]);
    await settle();
    expect(batches).toEqual([[1, 2, 3]]);
    releases[0]();
    await expect(answers).resolves.toEqual([10, 20, 30]);
  });

  it('holds calls back while a batch is in flight, then sends them together', async () => {
    const { batches, releases, run, settle } = recorder();
    const call = groupedCalls(run);
    const first = call(1);
    await settle();
    const later = [call(2), call(3)];
    await settle();
    const last = call(4);
    await settle();
    expect(batches).toEqual([[1]]);
    releases[0]();
    await expect(first).resolves.toBe(10);
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]();
    await expect(Promise.all([...later, last])).resolves.toEqual([20, 30, 40]);
  });

  it('fails only the calls whose result is an error, and all of a batch that throws', async () => {
    const call = groupedCalls<number, number>(async (keys) =>
      keys.map((k) => (k < 0 ? new Error(`bad ${k}`) : k)),
    );
    const results = await Promise.allSettled([call(1), call(-2), call(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad -2');

    const broken = groupedCalls<number, number>(() => Promise.reject(new Error('down')));
    await expect(Promise.all([broken(1), broken(2)])).rejects.toThrow('down');
    // A failed batch does not stop the next one.
    const { releases, run, settle } = recorder();
    let fail = true;
    const flaky = groupedCalls<number, number>((keys) => (fail ? Promise.reject(new Error('x')) : run(keys)));
    await expect(flaky(1)).rejects.toThrow('x');
    fail = false;
    const next = flaky(5);
    await settle();
    releases[0]();
    await expect(next).resolves.toBe(50);
  });

  it('splits a burst into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const call = groupedCalls<number, number>(async (keys) => {
      sizes.push(keys.length);
      return [...keys];
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => call(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
