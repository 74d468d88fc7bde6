// Creates the local demo account and its sample insights through the API, once.
//   node tools/demo/seed.mjs [apiBaseUrl]
// Idempotent: when the demo account can sign in already, nothing is written.
// Prints `email / password` on stdout for tools/start.sh.
const API = `${process.argv[2] ?? 'http://127.0.0.1:3000'}/api/v1`;
export const DEMO = {
  email: 'demo@insight-tracker.local',
  password: 'demo-insights-2026',
  displayName: 'Demo',
};

const SAMPLES = [
  {
    title: 'Caching cuts tail latency',
    tags: ['performance', 'caching'],
    category: 'Work',
    favorite: true,
    content:
      'A warm cache in front of the search index turned p99 from 180 ms into 20 ms. Cold starts still hurt: warm it at deploy time.',
  },
  {
    title: 'Batch writes beat chatty writes',
    tags: ['performance', 'databases'],
    category: 'Work',
    content:
      'Inserting 5,000 documents per round trip was 40× faster than one insert per request. Bulk paths belong in every importer.',
  },
  {
    title: 'Indexes follow the query, not the schema',
    tags: ['databases'],
    category: 'Work',
    content:
      'Equality first, then sort, then range. An index that starts with the tenant id keeps every query inside one user.',
  },
  {
    title: 'Write the error message for the person at 3 a.m.',
    tags: ['writing', 'operations'],
    category: 'Ideas',
    content:
      'Say what failed, why, and what to do next. Name the setting. Never print a stack trace to a user.',
  },
  {
    title: 'Spaced repetition works for ideas too',
    tags: ['learning'],
    category: 'Personal',
    favorite: true,
    content:
      'Reviewing an old note right before I would forget it made it stick. Short intervals first, then longer ones.',
  },
  {
    title: 'Walking meetings produce better decisions',
    tags: ['habits'],
    category: 'Personal',
    content:
      'Two people, no slides, one question. We decided in 20 minutes what a one-hour call had not settled.',
  },
  {
    title: 'Graphs show what lists hide',
    tags: ['knowledge', 'visualisation'],
    category: 'Ideas',
    content:
      'Linking notes by type (supports, contradicts, causes) revealed a cluster of ideas about latency I never saw in the timeline.',
  },
  {
    title: 'Retry with backoff, or you build a thundering herd',
    tags: ['operations', 'reliability'],
    category: 'Work',
    content:
      'Exponential backoff with jitter turned a cascading failure into a short blip. Idempotent jobs make retries safe.',
  },
  {
    title: 'Plan the week on Sunday evening',
    tags: ['habits', 'planning'],
    category: 'Tasks',
    content: 'Three outcomes for the week, each with a first step. Everything else is a bonus.',
  },
  {
    title: 'Read the benchmark, not the headline',
    tags: ['performance', 'learning'],
    category: 'Ideas',
    content:
      'Compare against a baseline measured in the same run on the same machine; otherwise the number means little.',
  },
];

const LINKS = [
  [0, 1, 'related'],
  [2, 1, 'supports'],
  [7, 0, 'related'],
  [9, 0, 'supports'],
  [6, 4, 'extends'],
  [8, 5, 'related'],
];

async function call(path, { method = 'GET', body, token } = {}) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function main() {
  const login = await call('/auth/login', {
    method: 'POST',
    body: { email: DEMO.email, password: DEMO.password },
  });
  if (login.status === 200) {
    console.log(`${DEMO.email} / ${DEMO.password}`);
    return;
  }
  const registered = await call('/auth/register', { method: 'POST', body: DEMO });
  if (registered.status !== 201)
    throw new Error(`could not register the demo account: ${JSON.stringify(registered.body)}`);
  const token = registered.body.accessToken;
  const categories = await call('/categories', { token });
  const categoryId = new Map((categories.body ?? []).map((c) => [c.name, c.id]));
  const ids = [];
  for (const sample of SAMPLES) {
    const { category, ...fields } = sample;
    const created = await call('/insights', {
      method: 'POST',
      token,
      body: { ...fields, categoryId: categoryId.get(category) ?? null },
    });
    if (created.status !== 201)
      throw new Error(`could not create "${sample.title}": ${JSON.stringify(created.body)}`);
    ids.push(created.body.id);
  }
  let linked = 0;
  for (const [from, to, type] of LINKS) {
    const link = await call('/relationships', {
      method: 'POST',
      token,
      body: { sourceId: ids[from], targetId: ids[to], type },
    });
    if (link.status === 201) linked++;
  }
  console.error(`[demo] created the demo account with ${ids.length} insights and ${linked} links`);
  console.log(`${DEMO.email} / ${DEMO.password}`);
}

main().catch((error) => {
  console.error(`demo data: ${error.message}`);
  process.exit(1);
});
