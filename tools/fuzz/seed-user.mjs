// Signs up a fresh user on $BASE, creates a category, two insights and a relationship between
// them, and prints the access token (for tools/fuzz/run.sh).
const base = process.env.BASE;
const call = async (path, body, token) => {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
};
const email = `fuzz-${Date.now()}@example.com`;
const { accessToken } = await call('/auth/register', {
  email,
  password: 'fuzzing-password-2026',
  displayName: 'Fuzz',
});
const category = await call(
  '/categories',
  { name: 'Fuzzed', colour: '#336699', icon: 'bug_report' },
  accessToken,
);
const first = await call(
  '/insights',
  { title: 'First fuzz insight', content: 'Caching **latency**', tags: ['fuzz'], categoryId: category.id },
  accessToken,
);
const second = await call(
  '/insights',
  { title: 'Second fuzz insight', content: 'More text', tags: ['fuzz'] },
  accessToken,
);
await call(
  '/relationships',
  { sourceId: first.id, targetId: second.id, type: 'supports', strength: 0.5 },
  accessToken,
);
process.stdout.write(accessToken);
