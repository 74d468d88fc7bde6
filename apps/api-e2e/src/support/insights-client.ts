import type {
  Category,
  CreateCategoryRequest,
  CreateInsightRequest,
  Insight,
  ProblemDetails,
} from '@insight/contracts';
import { API_URL } from './apps';
import type { TestUser } from './users';

export interface Sent {
  method?: string;
  /** An object is sent as JSON; a string is sent as it is (malformed JSON, huge bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls `/api/v1<path>` as `user` (or anonymously). */
export function callAs(
  user: TestUser | null,
  path: string,
  { method = 'GET', body, headers = {} }: Sent = {},
): Promise<Response> {
  return fetch(`${user?.apiUrl ?? API_URL}/api/v1${path}`, {
    method,
    headers: {
      ...(user ? user.headers : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The problem document of an error answer, checking its media type and status field. */
export async function problemOf(response: Response): Promise<ProblemDetails & Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as ProblemDetails & Record<string, unknown>;
  expect(problem.status).toBe(response.status);
  return problem;
}

/** The JSON body of a successful answer, failing with the body when the status is not `expected`. */
export async function jsonOf<T>(response: Response, expected: number): Promise<T> {
  if (response.status !== expected) {
    throw new Error(`expected ${expected}, got ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

export async function createInsight(user: TestUser, body: CreateInsightRequest): Promise<Insight> {
  return jsonOf<Insight>(await callAs(user, '/insights', { method: 'POST', body }), 201);
}

export async function createCategory(user: TestUser, body: CreateCategoryRequest): Promise<Category> {
  return jsonOf<Category>(await callAs(user, '/categories', { method: 'POST', body }), 201);
}

export async function getInsight(user: TestUser, id: string): Promise<Insight> {
  return jsonOf<Insight>(await callAs(user, `/insights/${id}`), 200);
}
