import type { RelationshipFromInsight, TagCount } from '@insight/contracts';
import pt from '../i18n/pt';
import { translatorFor } from '../i18n/translate';
import { renamePreview } from '../organise/tag-preview';
import { excerpt } from './insight-card';
import { normaliseTag, suggestTags } from './insight-form';
import { analysisEntries, groupRelationships, relationshipTypeLabel } from './relationship-groups';

const portuguese = translatorFor(pt);

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

  it('says it in Portuguese, singular and plural, when that is the language', () => {
    expect(renamePreview(tags, tags[0], 'deep-work', portuguese)).toBe(
      'Junta #focus a #deep-work: mudam 2 ideias, #deep-work ficará em até 5.',
    );
    expect(renamePreview(tags, { name: 'solo', count: 1 }, 'x', portuguese)).toBe(
      'Muda o nome de #solo para #x em 1 ideia.',
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

  it('names the types and the direction in Portuguese, by type key', () => {
    const groups = groupRelationships(
      [link('r1', 'supported_by', 'a'), link('r2', 'has_part', 'z')],
      new Map([['a', 'A']]),
      portuguese,
    );

    expect(groups.map((g) => [g.label, g.items.map((i) => i.title)])).toEqual([
      ['Apoiada por', ['A']],
      ['Tem como parte', ['Ideia sem título']],
    ]);
  });

  it('falls back to the API label for a type no translation knows', () => {
    expect(relationshipTypeLabel('inspired_by', 'Inspired by', portuguese)).toBe('Inspired by');
    expect(relationshipTypeLabel('follows', 'Follows', portuguese)).toBe('Segue-se a');
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
      { label: 'Language', value: 'English' },
      { label: 'Keywords', value: 'sleep, coffee' },
      { label: 'Reading time', value: '2 min' },
      { label: 'Sentiment', value: 'negative (-0.40)' },
      { label: 'Suggested tags', value: 'health' },
    ]);
  });
});

describe('analysis in Portuguese', () => {
  it('labels the fields, the mood, the minutes and the language name in Portuguese', () => {
    expect(
      analysisEntries(
        {
          language: 'en',
          keywords: ['café'],
          readingTimeMinutes: 3,
          sentiment: 0.5,
          wordCount: 12,
          analysedAt: 'x',
        },
        portuguese,
        'pt',
      ),
    ).toEqual([
      { label: 'Língua', value: 'inglês' },
      { label: 'Palavras-chave', value: 'café' },
      { label: 'Tempo de leitura', value: '3 min' },
      { label: 'Sentimento', value: 'positivo (0.50)' },
      { label: 'Palavras', value: '12' },
    ]);
  });
});
