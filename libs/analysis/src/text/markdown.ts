/**
 * Markdown → plain prose for analysis: code blocks, URLs, images' targets, HTML and emphasis
 * markers go; link texts, image alt texts and inline code's content stay. Headings, list items,
 * table rows and paragraphs each become one block; blocks are separated by a blank line so
 * sentence splitting never joins a heading to the paragraph after it.
 */
export function stripMarkdown(markdown: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let fence: string | null = null;
  const flush = (): void => {
    const text = paragraph.join(' ').trim();
    if (text) blocks.push(text);
    paragraph = [];
  };

  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence !== null) {
      // A fence closes with the same character, at least as long, and nothing else on the line.
      if (
        fenceMatch &&
        fenceMatch[1][0] === fence[0] &&
        fenceMatch[1].length >= fence.length &&
        raw.trim() === fenceMatch[1]
      ) {
        fence = null;
      }
      continue;
    }
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1];
      continue;
    }
    if (
      raw.trim() === '' ||
      /^ {0,3}\[[^\]]+\]:\s*\S/.test(raw) || // link reference definition
      /^ {0,3}([-*_])( *\1){2,} *$/.test(raw) || // thematic break (also a setext `---` underline)
      /^ {0,3}=+ *$/.test(raw) || // setext `===` underline
      /^ *\|? *:?-+:? *(\| *:?-+:? *)*\|? *$/.test(raw) // table delimiter row
    ) {
      flush();
      continue;
    }
    const heading = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(raw);
    if (heading) {
      flush();
      paragraph.push(stripInline(heading[1] ?? ''));
      flush();
      continue;
    }
    let line = raw.replace(/^\s*(?:>\s?)+/, '');
    const listItem = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/.exec(line);
    if (listItem) {
      flush();
      line = line.slice(listItem[0].length);
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      const cells = line
        .split('|')
        .map((cell) => stripInline(cell).trim())
        .filter((cell) => cell.length > 0);
      paragraph.push(cells.join(', '));
      flush();
      continue;
    }
    paragraph.push(stripInline(line.trim()));
  }
  flush();
  return blocks.join('\n\n');
}

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
};

const EMPHASIS = /(^|[^\p{L}\p{N}\\])(\*\*\*|___|\*\*|__|\*|_|~~)(?=\S)(.*?\S)\2(?![\p{L}\p{N}])/gu;

function stripInline(text: string): string {
  let out = text
    .replace(/<!--.*?-->/g, ' ')
    .replace(/(`+)(.+?)\1/g, (_match, _ticks: string, code: string) => ` ${code.trim()} `)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[\^[^\]]+\]/g, '') // footnote references
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(?:[a-z][a-z0-9+.-]*:|[^\s@>]+@)[^>\s]*>/gi, ' ') // autolinks
    .replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?)'"]/gi, ' ') // bare URLs
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
  // Nested emphasis (***both***, **_mixed_**) needs more than one pass.
  for (let pass = 0; pass < 3; pass += 1) {
    const next = out.replace(EMPHASIS, '$1$3');
    if (next === out) break;
    out = next;
  }
  return out
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
