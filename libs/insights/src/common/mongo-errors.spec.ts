import { isWriteConflict, retryingWriteConflicts } from './mongo-errors';

const busy = Object.assign(
  new Error(
    '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:177 sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)',
  ),
  { code: 1 },
);

describe('write conflicts', () => {
  it("tells FerretDB's SQLITE_BUSY and MongoDB's WriteConflict from other errors", () => {
    expect(isWriteConflict(busy)).toBe(true);
    expect(isWriteConflict(Object.assign(new Error('WriteConflict'), { code: 112 }))).toBe(true);
    expect(isWriteConflict(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))).toBe(false);
    expect(isWriteConflict('SQLITE_BUSY')).toBe(false);
  });

  it('tries a conflicting write again until it lands', async () => {
    let calls = 0;
    const result = await retryingWriteConflicts(async () => {
      calls++;
      if (calls < 3) throw busy;
      return 'written';
    });
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, and never retries another error', async () => {
    let calls = 0;
    await expect(
      retryingWriteConflicts(async () => {
        calls++;
        throw busy;
      }, 3),
    ).rejects.toBe(busy);
    expect(calls).toBe(3);
    const other = new Error('validation failed');
    calls = 0;
    await expect(
      retryingWriteConflicts(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
