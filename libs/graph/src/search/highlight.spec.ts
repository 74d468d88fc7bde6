import { highlightExcerpt, highlightTitle, withinOneEdit } from './highlight';
import { parseSearchQuery } from './search-query';

describe('search highlights', () => {
  it('marks the words of the query, case-insensitively', () => {
    expect(highlightTitle('Caching cuts Latency', parseSearchQuery('latency caching '))).toBe(
      '<mark>Caching</mark> cuts <mark>Latency</mark>',
    );
  });

  it('escapes HTML before marking, so stored markup is shown as text', () => {
    expect(highlightTitle('<b>cache</b> & "more"', parseSearchQuery('cache '))).toBe(
      '&lt;b&gt;<mark>cache</mark>&lt;/b&gt; &amp; &quot;more&quot;',
    );
  });

  it('marks a word one edit away, and the word being typed as a prefix', () => {
    expect(highlightTitle('Latency budget', parseSearchQuery('latensy bud'))).toBe(
      '<mark>Latency</mark> <mark>budget</mark>',
    );
    expect(highlightTitle('Latency budget', parseSearchQuery('bud '))).toBe('Latency budget');
  });

  it('counts one edit as Lucene does: one insertion, deletion, substitution or swap', () => {
    expect(withinOneEdit('latency', 'latency')).toBe(true);
    expect(withinOneEdit('latency', 'latensy')).toBe(true); // substitution
    expect(withinOneEdit('latency', 'latncy')).toBe(true); // deletion
    expect(withinOneEdit('latncy', 'latency')).toBe(true); // insertion
    expect(withinOneEdit('latency', 'latnecy')).toBe(true); // swap of neighbours
    expect(withinOneEdit('latency', 'latenc')).toBe(true); // last letter
    expect(withinOneEdit('latency', 'xatency')).toBe(true); // first letter
    expect(withinOneEdit('latency', 'latnesy')).toBe(false); // two edits
    expect(withinOneEdit('latency', 'altency')).toBe(true); // swap at the start
    expect(withinOneEdit('latency', 'altenc')).toBe(false); // a swap and a deletion
    expect(withinOneEdit('latency', 'laten')).toBe(false); // two deletions
    expect(withinOneEdit('abcd', 'badc')).toBe(false); // two swaps
  });

  it('marks a phrase as one span', () => {
    expect(highlightTitle('a warm cache answers', parseSearchQuery('"warm cache"'))).toBe(
      'a <mark>warm cache</mark> answers',
    );
  });

  it('does not match a phrase that the end of the text cuts off', () => {
    expect(highlightTitle('a warm', parseSearchQuery('"warm cache"'))).toBe('a warm');
    expect(highlightExcerpt('a warm', parseSearchQuery('"warm cache" a'))).toBe('<mark>a</mark> warm');
  });

  it('cuts an excerpt around the first match with ellipses at word boundaries', () => {
    const content = `${'lorem ipsum '.repeat(30)}the needle is here ${'dolor sit '.repeat(40)}`;
    const excerpt = highlightExcerpt(content, parseSearchQuery('needle '));
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('the <mark>needle</mark> is here');
    expect(excerpt.length).toBeLessThan(260);
  });

  it('starts the excerpt at the beginning when the content has no match', () => {
    expect(highlightExcerpt('Short\n\ncontent', parseSearchQuery('tag:x'))).toBe('Short content');
  });
});
