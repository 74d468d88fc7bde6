import { OwnershipFingerprints } from './ownership-fingerprints';

function prints(entries: [string, string][]): OwnershipFingerprints {
  const result = new OwnershipFingerprints();
  for (const [userId, id] of entries) result.add(userId, id);
  return result;
}

describe('ownership fingerprints', () => {
  it('match for the same ids in any order', () => {
    const a = prints([
      ['u', '1'],
      ['u', '2'],
      ['v', '3'],
    ]);
    const b = prints([
      ['v', '3'],
      ['u', '2'],
      ['u', '1'],
    ]);
    expect(a.sameFor('u', b)).toBe(true);
    expect(a.sameFor('v', b)).toBe(true);
  });

  it('differ when one id is swapped for another, however equal the counts', () => {
    const mongo = prints([
      ['u', 'a'],
      ['u', 'c'],
    ]);
    const graph = prints([
      ['u', 'a'],
      ['u', 'b'],
    ]);
    expect(mongo.sameFor('u', graph)).toBe(false);
  });

  it('differ when a user has nothing on one side', () => {
    expect(prints([['u', 'a']]).sameFor('u', prints([]))).toBe(false);
    expect(prints([]).sameFor('u', prints([]))).toBe(true);
  });
});
