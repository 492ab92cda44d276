// `node --expose-gc -r ./scripts/ts-register.js bench/incremental.ts [ENTITIES]`: the
// re-check after a one-file edit as the language server does it, without and with the
// analysis memo, alternated in one run (the two columns are comparable on a loaded machine).
import { ValidatedFile } from '../grammar/src/validate';
import { AnalysisMemo } from '../server/src/analysis/analyze';
import { checkFiles, validateSource } from '../server/src/check';
import { generateWorkspace } from './generate';
import { median } from './stats';

const entities = Number(process.argv[2] ?? 1000);
const sources = generateWorkspace(entities);
const validated: ValidatedFile[] = sources.map(validateSource);
const at = Math.floor(sources.length / 2);
const memo = new AnalysisMemo();
checkFiles(validated, { today: 20000, memo });
const samples = { full: [] as number[], memo: [] as number[] };
for (let i = 0; i < 24; i++) {
  const files = validated.slice();
  files[at] = validateSource({ path: sources[at].path, text: sources[at].text.replace('retain 30d', `retain ${30 + (i % 9)}d`) });
  global.gc?.();
  const which = i % 2 === 0 ? 'full' : 'memo';
  const start = performance.now();
  checkFiles(files, which === 'memo' ? { today: 20000, memo } : { today: 20000 });
  if (i >= 4) samples[which].push(performance.now() - start);
}
console.log(`${entities} entities, ${sources.length} files: re-check after a one-file edit, median ms: without memo ${median(samples.full).toFixed(1)}, with memo ${median(samples.memo).toFixed(1)}`);
