// Generates a realistic workspace of N entities (half datastores, half services that
// depend on them) spread over files of 50 entities (or `perFile`), for benchmarks.
//
// Two stress shapes check that nothing is quadratic in the number of entities:
// - `chain`: each service also depends on the previous one, a depends-on chain N/2 deep;
// - `unknown`: every datastore is renamed, so each depends-on is an unknown reference
//   that gets "did you mean" suggestions from all the declared names.
export interface Source {
  path: string;
  text: string;
}

export type Shape = 'plain' | 'chain' | 'unknown';

const REGIONS = ['westeurope', 'northeurope', 'eastus', 'westus'];

export function generateWorkspace(entities: number, shape: Shape = 'plain', perFile = 50): Source[] {
  const header = [
    'plan "Benchmark" {',
    '  owner "sre"',
    '  default-policy standard',
    '}',
    '',
    'policy standard { rto 4h; rpo 1h }',
    'policy critical {',
    '  rto 30m',
    '  rpo 5m',
    '  data-corruption rpo 1h',
    '}',
    ...REGIONS.map((r, i) => `region ${r} { pair ${REGIONS[i ^ 1]} }`),
    '',
  ].join('\n');
  const sources: Source[] = [{ path: 'bench/000-plan.drspec', text: header }];
  let text = '';
  let fileIndex = 1;
  for (let i = 0; i < entities; i++) {
    const region = REGIONS[i % REGIONS.length];
    const pair = REGIONS[(i % REGIONS.length) ^ 1];
    if (i % 2 === 0) {
      text += [
        `// datastore number ${i}`,
        `datastore ${shape === 'unknown' ? 'store' : 'db'}-${i} {`,
        '  engine postgres',
        `  region ${region}`,
        '  redundancy zone',
        `  size ${10 + (i % 90)}GB`,
        '  write-rate 1GB/h',
        '  backup full every 1d retain 30d to geo',
        '  backup log every 5m retain 30d to geo',
        `  replica ${pair} async lag 30s`,
        '  restore-rate 200MB/s',
        '  failover automatic detect 2m',
        '  verify-restore every 30d',
        `  policy ${i % 4 === 0 ? 'critical' : 'standard'}`,
        '}',
        '',
      ].join('\n');
    } else {
      text += [
        `service api-${i} {`,
        `  region ${region}`,
        '  zones 3',
        `  strategy warm-standby in ${pair}`,
        '  failover automatic',
        `  depends-on db-${i - 1}${shape === 'chain' && i > 1 ? `, api-${i - 2}` : ''}`,
        '  drill failover every 90d',
        '  policy standard',
        '}',
        '',
      ].join('\n');
    }
    if ((i + 1) % perFile === 0 || i === entities - 1) {
      sources.push({ path: `bench/${String(fileIndex++).padStart(3, '0')}.drspec`, text });
      text = '';
    }
  }
  return sources;
}
