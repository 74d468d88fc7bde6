import { storedOrientation, typeSeenFrom } from './relationship-orientation';

describe('relationship orientation', () => {
  it('stores an inverse name as its canonical type, flipped', () => {
    expect(storedOrientation('supported_by', 'b', 'a')).toEqual({
      type: 'supports',
      sourceId: 'a',
      targetId: 'b',
    });
    expect(storedOrientation('follows', 'b', 'a')).toEqual({
      type: 'precedes',
      sourceId: 'a',
      targetId: 'b',
    });
  });

  it('keeps a canonical name as given', () => {
    expect(storedOrientation('causes', 'x', 'y')).toEqual({ type: 'causes', sourceId: 'x', targetId: 'y' });
  });

  it('stores both directions of a symmetric type identically', () => {
    expect(storedOrientation('related', 'b', 'a')).toEqual(storedOrientation('related', 'a', 'b'));
    expect(storedOrientation('contradicts', 'z', 'c')).toEqual({
      type: 'contradicts',
      sourceId: 'c',
      targetId: 'z',
    });
  });

  it('names an edge from each of its ends', () => {
    expect(typeSeenFrom('supports', 'outgoing')).toBe('supports');
    expect(typeSeenFrom('supports', 'incoming')).toBe('supported_by');
    expect(typeSeenFrom('related', 'incoming')).toBe('related');
    expect(typeSeenFrom('part_of', 'incoming')).toBe('has_part');
  });
});
