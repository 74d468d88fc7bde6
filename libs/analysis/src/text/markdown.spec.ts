import { stripMarkdown } from './markdown';

describe('stripMarkdown', () => {
  it('drops fenced code blocks entirely', () => {
    const text = stripMarkdown('Before.\n\n```ts\nconst secretToken = 1;\n```\n\nAfter.');
    expect(text).toBe('Before.\n\nAfter.');
  });

  it('keeps link and image texts but not their URLs', () => {
    const text = stripMarkdown(
      'Read [the guide](https://example.com/guide "Guide") and ![a diagram](img/flow.png).',
    );
    expect(text).toBe('Read the guide and a diagram.');
  });

  it('removes bare URLs, autolinks and reference definitions', () => {
    const text = stripMarkdown(
      'See https://example.com/a?b=c. Or <https://example.org>.\n\n[ref]: https://example.net',
    );
    expect(text).not.toMatch(/example|https/);
  });

  it('removes emphasis markers without touching snake_case words', () => {
    expect(stripMarkdown('**bold**, _italic_, ***both***, ~~gone~~ and snake_case_name')).toBe(
      'bold, italic, both, gone and snake_case_name',
    );
  });

  it('keeps the content of inline code', () => {
    expect(stripMarkdown('Call `JSON.parse` carefully')).toBe('Call JSON.parse carefully');
  });

  it('turns headings, list items and table rows into separate blocks', () => {
    const text = stripMarkdown(
      '# Title\nFirst line\nsame paragraph\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(text.split('\n\n')).toEqual(['Title', 'First line same paragraph', 'one', 'two', 'a, b', '1, 2']);
  });

  it('drops HTML tags and blockquote markers and decodes common entities', () => {
    expect(stripMarkdown('> quoted <b>text</b> &amp; more')).toBe('quoted text & more');
  });

  it('keeps accented words intact', () => {
    expect(stripMarkdown('**Informação** sobre _índices_')).toBe('Informação sobre índices');
  });
});
