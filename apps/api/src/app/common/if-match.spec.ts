import { ValidationProblem } from '@insight/platform';
import { etagOf, expectedVersion } from './if-match';

describe('If-Match', () => {
  it('reads back the ETag it sent', () => {
    expect(expectedVersion(etagOf(7))).toBe(7);
  });

  it('accepts a bare version and ignores surrounding spaces', () => {
    expect(expectedVersion(' 12 ')).toBe(12);
  });

  it('means any version when absent or *', () => {
    expect(expectedVersion(undefined)).toBeUndefined();
    expect(expectedVersion('*')).toBeUndefined();
  });

  it.each(['W/"3"', '"3", "4"', 'abc', '"0"', '-1', '""', '"1e3"'])(
    'refuses %p as a field error',
    (header) => {
      expect(() => expectedVersion(header)).toThrow(ValidationProblem);
    },
  );
});
