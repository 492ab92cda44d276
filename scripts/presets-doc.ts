// Writes docs/presets.md from the preset table (npm run docs:presets).
import { writeFileSync } from 'fs';
import { resolve } from 'path';
import { presetsMarkdown } from '../grammar/src/presets/markdown';

writeFileSync(resolve(__dirname, '../docs/presets.md'), presetsMarkdown());
