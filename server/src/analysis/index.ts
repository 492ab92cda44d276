// The analysis engine's public surface.
export { analyze, withVerdict } from './analyze';
export { copiesOf, estimateOf } from './queries';
export { resolveObjective } from './objectives';
export { describeParts, describeBackup } from './describe';
export { copyLabel } from './queries';
export type { CopySummary } from './queries';
export { lossAt, recoveryPaths } from './datastore';
export { estimateJson, estimateJsonText, estimateText } from './estimate-report';
export * from './types';
