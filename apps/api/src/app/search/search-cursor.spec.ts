import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

describe('search cursor', () => {
  it('resumes the query it was made for', () => {
    expect(decodeSearchCursor(encodeSearchCursor('cache tag:x', 40), 'cache tag:x')).toBe(40);
  });

  it('refuses a cursor of another query, tampered or foreign input', () => {
    expect(decodeSearchCursor(encodeSearchCursor('cache', 20), 'latency')).toBeNull();
    expect(decodeSearchCursor('not a cursor', 'cache')).toBeNull();
    expect(decodeSearchCursor(Buffer.from('["search","x",-5]').toString('base64url'), 'x')).toBeNull();
  });
});
