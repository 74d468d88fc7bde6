/**
 * Minimal role-based queries for component tests, in the spirit of Testing Library:
 * tests find what a user (or screen reader) finds, not CSS classes.
 * Covers explicit `role` attributes and the implicit roles this app's templates use.
 */
export interface RoleQueryOptions {
  /** Accessible name: exact string (whitespace-normalised) or pattern. */
  name?: string | RegExp;
  /** Heading level, for role 'heading'. */
  level?: number;
}

function implicitRole(element: Element): string | null {
  const tag = element.tagName.toLowerCase();
  switch (tag) {
    case 'button':
      return 'button';
    case 'a':
      return element.hasAttribute('href') ? 'link' : null;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'ul':
    case 'ol':
      return 'list';
    case 'li':
      return 'listitem';
    case 'main':
      return 'main';
    case 'nav':
      return 'navigation';
    case 'header':
      return element.closest('main, article, aside, nav, section') ? null : 'banner';
    case 'section':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null;
    default:
      return null;
  }
}

function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
  return explicit || implicitRole(element);
}

function isHidden(element: Element): boolean {
  for (let current: Element | null = element; current; current = current.parentElement) {
    if (current.getAttribute('aria-hidden') === 'true' || current.hasAttribute('hidden')) {
      return true;
    }
  }
  return false;
}

function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name, simplified: aria-labelledby, then aria-label, then visible text. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const document = element.ownerDocument;
    return normalise(
      labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    );
  }
  const label = element.getAttribute('aria-label');
  if (label) {
    return normalise(label);
  }
  return normalise(element.textContent);
}

function headingLevel(element: Element): number | null {
  const ariaLevel = element.getAttribute('aria-level');
  if (ariaLevel) {
    return Number(ariaLevel);
  }
  const match = /^h([1-6])$/i.exec(element.tagName);
  return match ? Number(match[1]) : null;
}

function matches(element: Element, role: string, options: RoleQueryOptions): boolean {
  if (roleOf(element) !== role || isHidden(element)) {
    return false;
  }
  if (options.level !== undefined && headingLevel(element) !== options.level) {
    return false;
  }
  const { name } = options;
  if (name === undefined) {
    return true;
  }
  const actual = accessibleName(element);
  return typeof name === 'string' ? actual === normalise(name) : name.test(actual);
}

function describe(role: string, options: RoleQueryOptions): string {
  const name = options.name === undefined ? '' : ` named ${String(options.name)}`;
  return `role "${role}"${name}`;
}

export function queryAllByRole(
  container: Element,
  role: string,
  options: RoleQueryOptions = {},
): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('*')).filter((element) =>
    matches(element, role, options),
  );
}

export function queryByRole(
  container: Element,
  role: string,
  options: RoleQueryOptions = {},
): HTMLElement | null {
  const found = queryAllByRole(container, role, options);
  if (found.length > 1) {
    throw new Error(`Found ${found.length} elements with ${describe(role, options)}, expected at most one.`);
  }
  return found[0] ?? null;
}

export function getAllByRole(
  container: Element,
  role: string,
  options: RoleQueryOptions = {},
): HTMLElement[] {
  const found = queryAllByRole(container, role, options);
  if (found.length === 0) {
    const available = queryAllByRole(container, role).map((element) => `"${accessibleName(element)}"`);
    throw new Error(
      `Found no element with ${describe(role, options)}. Elements with that role: ${available.join(', ') || 'none'}.`,
    );
  }
  return found;
}

export function getByRole(container: Element, role: string, options: RoleQueryOptions = {}): HTMLElement {
  const found = getAllByRole(container, role, options);
  if (found.length > 1) {
    throw new Error(`Found ${found.length} elements with ${describe(role, options)}, expected exactly one.`);
  }
  return found[0];
}
