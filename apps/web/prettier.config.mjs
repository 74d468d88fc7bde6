import { readFileSync } from 'node:fs';

// Extends the workspace settings: templates use Angular control flow (@if/@for), which
// Prettier only understands with its `angular` parser.
const workspaceConfig = JSON.parse(readFileSync(new URL('../../.prettierrc', import.meta.url), 'utf8'));

export default {
  ...workspaceConfig,
  overrides: [...(workspaceConfig.overrides ?? []), { files: '*.html', options: { parser: 'angular' } }],
};
