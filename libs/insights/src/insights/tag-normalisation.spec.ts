import { normaliseTag, normaliseTags, tagProblem } from './tag-normalisation';

describe('tag normalisation', () => {
  it('trims, lowercases and collapses inner whitespace', () => {
    expect(normaliseTag('  Machine \t  Learning ')).toBe('machine learning');
  });

  it('composes Unicode so visually equal tags are equal', () => {
    expect(normaliseTag('Cafe\u0301')).toBe(normaliseTag('Café'));
  });

  it('drops duplicates after normalising, keeping the first-seen order', () => {
    expect(normaliseTags(['Rust', 'go', ' RUST ', 'Go', 'zig'])).toEqual(['rust', 'go', 'zig']);
  });

  it('accepts a 64-character tag and refuses a 65-character one', () => {
    expect(tagProblem('a'.repeat(64))).toBeNull();
    expect(tagProblem('a'.repeat(65))).toMatch(/at most 64/);
  });

  it('refuses empty tags and control characters', () => {
    expect(tagProblem(normaliseTag('   '))).toBe('must not be empty');
    expect(tagProblem('a\u0000b')).toMatch(/control/);
  });

  it('keeps query operators as plain text', () => {
    expect(normaliseTags(['$where', '{"$gt": ""}'])).toEqual(['$where', '{"$gt": ""}']);
  });
});
