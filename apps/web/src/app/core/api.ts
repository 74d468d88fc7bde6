/** Base path of the REST API; the dev server and the production web server proxy it to the api. */
export const API = '/api/v1';

/** Query parameters for HttpClient from an object, dropping unset values and repeating arrays. */
export function queryParams(
  query: object,
): Record<string, string | number | boolean | readonly (string | number | boolean)[]> {
  const params: Record<string, string | number | boolean | readonly (string | number | boolean)[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    params[key] = value as string | number | boolean | readonly (string | number | boolean)[];
  }
  return params;
}
