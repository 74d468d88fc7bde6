import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Markdown → HTML that is safe to insert: marked renders (raw HTML included), DOMPurify
 * removes scripts, event handlers and dangerous URLs. Lazy routes import this, never the shell.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

/** The search API's highlights are escaped text with `<mark>`; keep exactly that, whatever arrives. */
export function sanitizeHighlight(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] });
}
