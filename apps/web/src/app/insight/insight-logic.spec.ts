import type { RelationshipFromInsight, TagCount } from '@insight/contracts';
import { renamePreview } from '../organise/tag-preview';
import { excerpt } from './insight-card';
import { normaliseTag, suggestTags } from './insight-form';
import { analysisEntries, groupRelationships } from './relationship-groups';

describe('tags in the editor', () => {
  it('normalises like the API', () => {
    expect(normaliseTag('  Deep   Work ')).toBe('deep work');
  });

  it('suggests known tags that start with, then contain, what is typed, leaving out chosen ones', () => {
    expect(suggestTags(['focus', 'refocus', 'food', 'fog'], 'fo', ['fog'])).toEqual([
      'focus',
      'food',
      'refocus',
    ]);
  });
});

describe('renamePreview', () => {
  const tags: TagCount[] = [
    { name: 'focus', count: 2 },
    { name: 'deep-work', count: 3 },
  ];

  it('says how many insights a rename changes', () => {
    expect(renamePreview(tags, tags[0], 'Attention')).toBe('Renames #focus to #attention on 2 insights.');
  });

  it('warns that renaming to an existing tag merges the two', () => {
    expect(renamePreview(tags, tags[0], 'deep-work')).toBe(
      'Merges #focus into #deep-work: 2 insights change, #deep-work will be on up to 5.',
    );
  });

  it('has nothing to say when the name does not change', () => {
    expect(renamePreview(tags, tags[0], ' FOCUS ')).toBeNull();
  });
});

describe('groupRelationships', () => {
  const link = (
    id: string,
    type: RelationshipFromInsight['type'],
    other: string,
  ): RelationshipFromInsight => ({
    id,
    type,
    direction: 'outgoing',
    otherInsightId: other,
    strength: 1,
    note: null,
    createdBy: 'user',
    createdAt: '',
    updatedAt: '',
  });

  it('groups by the name from this side, in vocabulary order, with the other insight’s title', () => {
    const groups = groupRelationships(
      [link('r1', 'supported_by', 'a'), link('r2', 'related', 'b'), link('r3', 'supported_by', 'c')],
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );

    expect(groups.map((g) => [g.label, g.items.map((i) => i.title)])).toEqual([
      ['Related to', ['B']],
      ['Supported by', ['A', 'Untitled insight']],
    ]);
  });
});

describe('display helpers', () => {
  it('shows the first lines of Markdown as plain text', () => {
    expect(excerpt('# Title\n\nSome **bold** and a [link](http://x).\n\n```\ncode\n```', 40)).toBe(
      'Title Some bold and a link.',
    );
  });

  it('lists analysis fields whatever their shape, leaving out bookkeeping', () => {
    expect(
      analysisEntries({
        insightVersion: 2,
        language: 'en',
        keywords: [{ term: 'sleep', weight: 0.5, stem: 'sleep' }, 'coffee'],
        readingTimeMinutes: 1.5,
        sentiment: -0.4,
        tagSuggestions: [{ name: 'health', existing: true }],
        x: null,
      }),
    ).toEqual([
      { label: 'Language', value: 'en' },
      { label: 'Keywords', value: 'sleep, coffee' },
      { label: 'Reading time', value: '2 min' },
      { label: 'Sentiment', value: 'negative (-0.40)' },
      { label: 'Suggested tags', value: 'health' },
    ]);
  });
});
