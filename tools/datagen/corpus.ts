import type { SeededRandom } from './random';

/** Topics people keep insights about: each with its tags and vocabulary. */
const TOPICS = [
  {
    tags: [
      'programming',
      'typescript',
      'rust',
      'go',
      'testing',
      'refactoring',
      'architecture',
      'databases',
      'performance',
      'security',
    ],
    nouns: [
      'cache',
      'index',
      'query plan',
      'code review',
      'type system',
      'test suite',
      'deployment',
      'API',
      'schema',
      'queue',
      'retry policy',
      'memory leak',
      'feature flag',
      'monolith',
      'module boundary',
    ],
  },
  {
    tags: [
      'leadership',
      'meetings',
      'hiring',
      'feedback',
      'planning',
      'communication',
      'teams',
      'career',
      'mentoring',
      'strategy',
    ],
    nouns: [
      'one-on-one',
      'roadmap',
      'retrospective',
      'decision log',
      'interview loop',
      'team charter',
      'quarterly goal',
      'status update',
      'stakeholder',
      'offsite',
    ],
  },
  {
    tags: ['health', 'sleep', 'running', 'nutrition', 'habits', 'focus', 'mindfulness', 'energy'],
    nouns: [
      'morning routine',
      'long run',
      'sleep schedule',
      'coffee',
      'walk',
      'breathing exercise',
      'deep work block',
      'weekly review',
      'stretching',
    ],
  },
  {
    tags: ['reading', 'books', 'writing', 'history', 'psychology', 'economics', 'philosophy', 'science'],
    nouns: [
      'chapter',
      'argument',
      'footnote',
      'essay',
      'thought experiment',
      'case study',
      'biography',
      'paper',
      'draft',
      'metaphor',
    ],
  },
  {
    tags: ['product', 'design', 'ux', 'research', 'pricing', 'onboarding', 'metrics', 'growth'],
    nouns: [
      'user interview',
      'prototype',
      'funnel',
      'landing page',
      'empty state',
      'pricing page',
      'churn cohort',
      'activation metric',
      'usability test',
    ],
  },
  {
    tags: ['travel', 'cooking', 'music', 'photography', 'gardening', 'family', 'finance', 'home'],
    nouns: [
      'recipe',
      'itinerary',
      'budget',
      'playlist',
      'lens',
      'seedling',
      'renovation',
      'weekend plan',
      'savings goal',
    ],
  },
] as const;

const OPENERS = [
  'Why',
  'How',
  'When',
  'What I learned about',
  'Notes on',
  'Rethinking',
  'A rule of thumb for',
  'The trouble with',
  'Small wins with',
  'Questions about',
];
const VERBS = [
  'simplifies',
  'slows down',
  'hides',
  'reveals',
  'depends on',
  'beats',
  'undermines',
  'explains',
  'amplifies',
  'replaces',
];
const ADJECTIVES = [
  'small',
  'boring',
  'explicit',
  'hidden',
  'expensive',
  'surprising',
  'fragile',
  'deliberate',
  'shared',
  'slow',
];
const CONNECTIVES = [
  'Surprisingly,',
  'In practice,',
  'Looking back,',
  'Counter-intuitively,',
  'More often than not,',
  'At first glance,',
  'After a few weeks,',
];
const CLOSERS = [
  'Worth trying again next month.',
  'Revisit this after the next project.',
  'Ask the team what they think.',
  'This contradicts what I believed last year.',
  'Keep an eye on it.',
];

/** The tag vocabulary across topics (the generator favours the first tags of each topic). */
export const ALL_TAGS: readonly string[] = TOPICS.flatMap((topic) => topic.tags);

export interface GeneratedText {
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(random: SeededRandom, nouns: readonly string[]): string {
  const subject = `${random.chance(0.5) ? 'a' : 'the'} ${random.pick(ADJECTIVES)} ${random.pickSkewed(nouns)}`;
  const body = `${subject} ${random.pick(VERBS)} the ${random.pickSkewed(nouns)}`;
  return random.chance(0.3) ? `${random.pick(CONNECTIVES)} ${body}.` : `${capitalise(body)}.`;
}

function paragraph(random: SeededRandom, nouns: readonly string[]): string {
  return Array.from({ length: random.int(2, 5) }, () => sentence(random, nouns)).join(' ');
}

/** A plausible insight: a title, a few Markdown paragraphs (sometimes a list or code) and tags. */
export function generateText(random: SeededRandom): GeneratedText {
  const topic = random.pickSkewed(TOPICS);
  const nouns = topic.nouns;
  const title = capitalise(
    `${random.pick(OPENERS)} ${random.pickSkewed(nouns)} ${random.pick(VERBS)} the ${random.pickSkewed(nouns)}`,
  ).slice(0, 200);
  const blocks: string[] = [];
  for (let i = random.int(1, 4); i > 0; i--) blocks.push(paragraph(random, nouns));
  if (random.chance(0.3)) {
    blocks.push(
      Array.from(
        { length: random.int(2, 4) },
        () => `- **${random.pickSkewed(nouns)}**: ${sentence(random, nouns)}`,
      ).join('\n'),
    );
  }
  if (random.chance(0.1) && topic === TOPICS[0]) {
    blocks.push('```ts\nconst result = await withTimeout(work, 2000, "redis");\n```');
  }
  blocks.push(random.pick(CLOSERS));
  const ownTags = random.sampleSkewed(topic.tags, random.int(1, 4));
  const crossTags = random.chance(0.25) ? [random.pickSkewed(ALL_TAGS)] : [];
  return {
    title,
    content: blocks.join('\n\n'),
    summary: random.chance(0.3) ? sentence(random, nouns) : null,
    tags: [...new Set([...ownTags, ...crossTags])],
  };
}
