// Schema validation: every key of every block kind and each of its clauses, generated
// from the schema table, plus hand-written cases for messages, hints and ranges.
import { strict as assert } from 'assert';
import { Diagnostic } from '../../grammar/src/ast';
import { hasCode } from '../../grammar/src/diagnostic-data';
import { parseDocument } from '../../grammar/src/parse';
import { BLOCK_KINDS, BlockKind, PropertySpec, propertySpec, SCHEMA, ValueType } from '../../grammar/src/schema';
import { validateFile } from '../../grammar/src/validate';

function blockHeader(kind: BlockKind): string {
  return SCHEMA[kind].name === 'string' ? `${kind} "Title"` : `${kind} subject`;
}

/** Validation diagnostics (no syntax errors allowed) of a block holding `lines`. */
function check(kind: BlockKind | string, lines: string[]): Diagnostic[] {
  const header = (BLOCK_KINDS as readonly string[]).includes(kind) ? blockHeader(kind as BlockKind) : `${kind} subject`;
  const file = parseDocument(`${header} {\n${lines.map((l) => `  ${l}\n`).join('')}}\n`, 'test.drspec');
  assert.deepEqual(file.syntaxErrors, [], `syntax errors in ${lines.join('; ')}`);
  return validateFile(file).diagnostics;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** A valid written value of each type. */
function validValue(type: ValueType): string {
  switch (type.type) {
    case 'duration':
      return '1h30m';
    case 'size':
      return '1.5TiB';
    case 'rate':
      return '200MB/s';
    case 'percent':
      return '50%';
    case 'date':
      return '2026-01-31';
    case 'string':
      return '"text with \\"quotes\\""';
    case 'integer':
      return String(type.min + 1);
    case 'identifier':
      return 'postgres';
    case 'enum':
    case 'location':
      return type.words[type.words.length - 1].word;
    case 'region':
      return 'westeurope';
    case 'reference':
      return 'some-entity';
  }
}

/** A value of the wrong type. */
function wrongValue(type: ValueType): string {
  return type.type === 'string' ? '12' : '"text"';
}

/** The smallest valid statement: positional values and required clauses. */
function minimal(spec: PropertySpec): string[] {
  // A preset statement names a preset from its own table (test/unit/presets.test.ts).
  const parts = [spec.key, ...spec.positional.map((p) => (spec.custom === 'preset' ? 'azure-sql-db' : validValue(p.value)))];
  if (spec.list) parts.push(validValue(spec.list));
  for (const clause of spec.clauses ?? []) {
    if (clause.required) parts.push(clause.word, validValue(clause.value));
  }
  if (spec.atLeastOneClause) {
    const first = (spec.clauses ?? [])[0];
    parts.push(first.word, validValue(first.value));
  }
  if (spec.text) parts.push(validValue(spec.text.value));
  return parts;
}

describe('validate: every key of every block kind', () => {
  for (const kind of BLOCK_KINDS) {
    describe(kind, () => {
      it('a block with no properties is valid', () => assert.deepEqual(check(kind, []), []));

      for (const spec of SCHEMA[kind].properties) {
        describe(spec.key, () => {
          it(`its example is valid: ${spec.example}`, () => assert.deepEqual(check(kind, [spec.example]), []));

          it('its minimal form is valid', () => assert.deepEqual(check(kind, [minimal(spec).join(' ')]), []));

          it('every clause with a valid value is accepted', () => {
            for (const clause of spec.clauses ?? []) {
              if (clause.onlyWith) continue; // checked below with the right first word
              const statement = [...minimal(spec), ...(clause.required || spec.atLeastOneClause && clause === spec.clauses?.[0] ? [] : [clause.word, validValue(clause.value)])];
              assert.deepEqual(check(kind, [statement.join(' ')]), [], statement.join(' '));
            }
          });

          it('every enum word and alias of its values is accepted', () => {
            for (const [index, positional] of spec.positional.entries()) {
              const type = positional.value;
              if (type.type !== 'enum' && type.type !== 'location') continue;
              for (const word of type.words.flatMap((w) => [w.word, ...(w.aliases ?? [])])) {
                const parts = minimal(spec);
                parts[1 + index] = word;
                assert.deepEqual(check(kind, [parts.join(' ')]), [], parts.join(' '));
              }
            }
            for (const clause of spec.clauses ?? []) {
              if (clause.value.type !== 'enum' && clause.value.type !== 'location') continue;
              for (const word of clause.value.words.map((w) => w.word)) {
                const statement = [...minimal(spec), clause.word, word].join(' ');
                assert.deepEqual(check(kind, [statement]), [], statement);
              }
            }
          });

          for (const [index, positional] of spec.positional.entries()) {
            it(`a wrong ${positional.name} is invalid-value on the value`, () => {
              const parts = minimal(spec);
              parts[1 + index] = wrongValue(positional.value);
              const diagnostics = check(kind, [parts.join(' ')]);
              assert.deepEqual(codes(diagnostics), ['invalid-value'], parts.join(' '));
              const column = 2 + parts.slice(0, 1 + index).join(' ').length + 1;
              assert.equal(diagnostics[0].range.start.character, column);
            });
          }

          if (spec.positional.length > 0 || spec.list) {
            it('without its value it is missing-value on the key', () => {
              const diagnostics = check(kind, [spec.key]);
              assert.ok(diagnostics.length >= 1);
              assert.equal(diagnostics[0].code, 'missing-value');
              assert.deepEqual(diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 2 + spec.key.length } });
            });
          }

          for (const clause of spec.clauses ?? []) {
            it(`'${clause.word}' with a wrong value is invalid-value`, () => {
              const base = minimal(spec).join(' ').replace(` ${clause.word} ${validValue(clause.value)}`, '');
              const statement = `${base} ${clause.word} ${wrongValue(clause.value)}`;
              const found = codes(check(kind, [statement]));
              assert.ok(found.includes('invalid-value'), `${statement}: ${found.join(', ')}`);
            });
            it(`'${clause.word}' without a value is missing-value`, () => {
              const base = minimal(spec).join(' ').replace(` ${clause.word} ${validValue(clause.value)}`, '');
              const statement = `${base} ${clause.word}`;
              assert.ok(codes(check(kind, [statement])).includes('missing-value'), statement);
            });
            if (clause.required) {
              it(`without the required '${clause.word}' it is missing-value`, () => {
                const statement = minimal(spec).join(' ').replace(` ${clause.word} ${validValue(clause.value)}`, '');
                const diagnostics = check(kind, [statement]);
                assert.deepEqual(codes(diagnostics), ['missing-value'], statement);
                assert.match(diagnostics[0].message, new RegExp(`needs '${clause.word} `));
              });
            }
          }

          if (spec.atLeastOneClause) {
            it('without any clause it is missing-value', () => {
              assert.deepEqual(codes(check(kind, [spec.key])), ['missing-value']);
            });
          }

          it(spec.repeatable ? 'it may be repeated' : 'given twice it is duplicate-property on the second key', () => {
            const statement = minimal(spec).join(' ');
            const diagnostics = check(kind, [statement, statement]);
            if (spec.repeatable) {
              assert.deepEqual(diagnostics, []);
            } else {
              assert.deepEqual(codes(diagnostics), ['duplicate-property']);
              assert.deepEqual(diagnostics[0].range.start, { line: 2, character: 2 });
            }
          });
        });
      }
    });
  }
});

describe('validate: unknown properties', () => {
  it('a misspelt key gets a did-you-mean on the key', () => {
    const [d] = check('datastore', ['redundency zone']);
    assert.equal(d.code, 'unknown-property');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /unknown property 'redundency' in a datastore; did you mean 'redundancy'\?/);
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } });
    assert.deepEqual(d.data?.suggestions, ['redundancy']);
  });
  it('a key of another block kind says where it belongs', () => {
    assert.match(check('service', ['pair northeurope'])[0].message, /belongs in a region block/);
    assert.match(check('datastore', ['depends-on x'])[0].message, /belongs in a service block/);
  });
  it('a word with no close match has no suggestion', () => {
    const [d] = check('policy', ['colour blue']);
    assert.equal(d.code, 'unknown-property');
    assert.doesNotMatch(d.message, /did you mean/);
  });
});

describe('validate: values', () => {
  const hinted: [BlockKind, string, string, RegExp][] = [
    ['datastore', 'size 10Gb', '10GB', /did you mean '10GB'/],
    ['datastore', 'size 10gb', '10GB', /did you mean '10GB'/],
    ['datastore', 'rebuild 5min', '5m', /did you mean '5m'/],
    ['datastore', 'restore-rate 100Mb/s', '100MB/s', /did you mean '100MB\/s'/],
    ['policy', 'rto 30', '30m', /did you mean '30m'/],
    ['service', 'strategy warm-standby capacity 50', '50%', /did you mean '50%'/],
    ['service', 'owner team', '"team"', /write "team"/],
    ['datastore', 'redundancy zome', 'zone', /did you mean 'zone'/],
    ['service', 'strategy warm-stanby', 'warm-standby', /did you mean 'warm-standby'/],
  ];
  for (const [kind, statement, replacement, message] of hinted) {
    it(`${statement} → ${replacement}`, () => {
      const diagnostics = check(kind, [statement]);
      assert.deepEqual(codes(diagnostics), ['invalid-value']);
      assert.match(diagnostics[0].message, message);
      const d = diagnostics[0];
      assert.equal(hasCode(d, 'invalid-value') ? d.data?.replacement : undefined, replacement);
    });
  }
  const invalid: [BlockKind, string, RegExp][] = [
    ['region', 'zones 0', /whole number from 1 to 9, not 0/],
    ['region', 'zones 10', /whole number from 1 to 9, not 10/],
    ['service', 'zones 2.5', /whole number from 1 to 9, not 2\.5/],
    ['service', 'strategy active-active capacity 150%', /between 0% and 100%/],
    ['service', 'drill failover every 30d last 2026-02-30', /not a real calendar date/],
    ['datastore', 'verify-restore every 30d last 2025-02-29', /not a real calendar date/],
    ['datastore', 'redundancy local lag 5m', /'lag' applies only to geo or geo-zone, not 'local'/],
    ['datastore', 'replica northeurope sync lag 5m', /'lag' applies only to async, not 'sync'/],
    ['datastore', 'backup full every 1d every 2d', /'every' is given twice/],
    ['datastore', 'backup full every 1d evry 2d', /did you mean 'every'/],
    ['datastore', 'backup full every 1d 30d', /unexpected the duration 30d in 'backup'/],
    ['datastore', 'size 10GB 20GB', /unexpected extra value/],
    ['datastore', 'references a, "b"', /expects a datastore name/],
    ['datastore', 'failover automatic detect 1h30', /'detect' expects a duration|not a duration/],
    ['datastore', 'size 1h1h', /largest unit to the smallest/],
  ];
  for (const [kind, statement, message] of invalid) {
    it(`${kind}: ${statement}`, () => {
      const diagnostics = check(kind, [statement]);
      assert.ok(diagnostics.some((d) => d.code === 'invalid-value' && message.test(d.message)), JSON.stringify(diagnostics.map((d) => d.message)));
    });
  }
  it('an invalid value is reported on the value', () => {
    const [d] = check('datastore', ['backup full every 5min']);
    assert.deepEqual(d.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 24 } });
  });
  it('clauses come in any order', () => {
    assert.deepEqual(check('datastore', ['backup full copy-lag 5m takes 10m to geo retain 30d every 1d']), []);
    assert.deepEqual(check('service', ['strategy pilot-light deploy 5m provision 30m in westus capacity 10%']), []);
    assert.deepEqual(check('datastore', ['failover manual switch 1m decide 5m detect 30s']), []);
  });
  it('every duration unit is accepted', () => {
    assert.deepEqual(check('datastore', ['rebuild 1w2d3h4m5s6ms']), []);
  });
  it('both size unit families and every rate period are accepted', () => {
    for (const size of ['1B', '1KB', '1MB', '1GB', '1TB', '1PB', '1KiB', '1MiB', '1GiB', '1TiB', '1PiB']) {
      assert.deepEqual(check('datastore', [`size ${size}`]), [], size);
    }
    for (const rate of ['1MB/s', '1GB/m', '1GB/h', '1TB/d']) assert.deepEqual(check('datastore', [`write-rate ${rate}`]), [], rate);
  });
});

describe('validate: block structure', () => {
  function blockDiagnostics(text: string): Diagnostic[] {
    const file = parseDocument(text, 'test.drspec');
    assert.deepEqual(file.syntaxErrors, []);
    return validateFile(file).diagnostics;
  }
  it('an unknown block kind is invalid-structure with a suggestion', () => {
    const [d] = blockDiagnostics('datastor orders {}\n');
    assert.equal(d.code, 'invalid-structure');
    assert.match(d.message, /unknown block kind 'datastor'; did you mean 'datastore'\?/);
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
  });
  it('a block without a name is invalid-structure on the kind', () => {
    const [d] = blockDiagnostics('service {\n}\n');
    assert.equal(d.code, 'invalid-structure');
    assert.match(d.message, /service needs a name/);
  });
  it('the plan title is a string', () => {
    const [d] = blockDiagnostics('plan dr {}\n');
    assert.equal(d.code, 'invalid-value');
    assert.equal(d.data?.replacement, '"dr"');
  });
  it('other names are identifiers', () => {
    assert.deepEqual(codes(blockDiagnostics('datastore "orders" {}\n')), ['invalid-value']);
  });
  it('a block inside a block is invalid-structure on its kind', () => {
    const diagnostics = blockDiagnostics('datastore d {\n  backup nightly {\n    every 1d\n  }\n}\n');
    assert.deepEqual(codes(diagnostics), ['invalid-structure']);
    assert.deepEqual(diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } });
  });
  it('validation goes on after an error', () => {
    const diagnostics = check('datastore', ['sise 10GB', 'size 10Gb', 'backup full', 'rto 1h', 'rto 2h', 'rpo 5m']);
    assert.deepEqual(codes(diagnostics), ['unknown-property', 'invalid-value', 'missing-value', 'duplicate-property']);
  });
});

describe('the examples use every construct of the language', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('path') as typeof import('path');
  const root = path.resolve(__dirname, '../../examples');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.drspec') ? [path.join(dir, e.name)] : []));
  const files = walk(root).map((f) => parseDocument(fs.readFileSync(f, 'utf8'), f));
  const statements = files.flatMap((f) => f.blocks.flatMap((b) => b.statements.map((s) => ({ kind: b.kind.text, s }))));
  const words = new Set(statements.flatMap(({ kind, s }) => s.values.map((v) => `${kind}.${s.key.text}:${v.text}`)));
  const texts = files.map((f) => f.text).join('\n');

  it('has no syntax errors', () => {
    for (const f of files) assert.deepEqual(f.syntaxErrors, [], f.path);
  });
  it('every block kind, key and clause word', () => {
    // Keys that several block kinds share (owner, rto, failover, …) count once.
    const missing: string[] = [];
    for (const kind of BLOCK_KINDS) {
      if (!files.some((f) => f.blocks.some((b) => b.kind.text === kind))) missing.push(kind);
      for (const spec of SCHEMA[kind].properties) {
        const uses = statements.filter((u) => u.s.key.text === spec.key && propertySpec(u.kind as BlockKind, spec.key) !== undefined);
        if (uses.length === 0) missing.push(spec.key);
        for (const clause of spec.clauses ?? []) {
          if (!uses.some((u) => u.s.values.some((v) => v.text === clause.word))) missing.push(`${spec.key} ${clause.word}`);
        }
      }
    }
    assert.deepEqual([...new Set(missing)], []);
  });
  it('every enumeration word and alias', () => {
    const missing: string[] = [];
    for (const kind of BLOCK_KINDS) {
      for (const spec of SCHEMA[kind].properties) {
        // Scenarios after `accept … in` are the scenario words every example writes as keys.
        const types = [...spec.positional.map((p) => p.value), ...(spec.clauses ?? []).filter((c) => !c.many).map((c) => c.value)];
        for (const type of types) {
          if (type.type !== 'enum' && type.type !== 'location') continue;
          for (const word of type.words.flatMap((w) => [w.word, ...(w.aliases ?? [])])) {
            // Keys shared by block kinds (failover) count once.
            const used = [...words].some((w) => w.endsWith(`:${word}`) && w.split(':')[0].endsWith(`.${spec.key}`));
            if (!used) missing.push(`${spec.key} ${word}`);
          }
        }
      }
    }
    assert.deepEqual([...new Set(missing)], []);
    assert.ok([...words].some((w) => /^datastore\.backup:(west|north|east)\w*$/.test(w)), 'a backup to a region name');
  });
  it('every duration unit, both size families, every rate period', () => {
    const values = statements.flatMap(({ s }) => s.values);
    const durations = values.filter((v) => v.kind === 'duration').map((v) => v.text);
    for (const unit of ['ms', 's', 'm', 'h', 'd', 'w']) {
      assert.ok(durations.some((d) => new RegExp(`\\d${unit}$`).test(d) && !(unit === 's' && d.endsWith('ms'))), `duration unit ${unit}`);
    }
    const sizes = values.filter((v) => v.kind === 'size' || v.kind === 'rate').map((v) => v.text);
    assert.ok(sizes.some((s) => /\d(KB|MB|GB|TB|PB)/.test(s)) && sizes.some((s) => /iB/.test(s)), 'decimal and binary sizes');
    for (const period of ['s', 'm', 'h', 'd']) assert.ok(sizes.some((s) => s.endsWith(`/${period}`)), `rate per ${period}`);
    assert.ok(values.some((v) => v.kind === 'percent'), 'a percentage');
    assert.ok(values.some((v) => v.kind === 'date'), 'a date');
    assert.ok(values.some((v) => v.kind === 'number'), 'a number');
  });
  it('both comment forms, string escapes, `;` and trailing-comma continuation', () => {
    const comments = files.flatMap((f) => f.comments);
    assert.ok(comments.some((c) => c.isBlock) && comments.some((c) => !c.isBlock));
    const strings = statements.flatMap(({ s }) => s.values).concat(files.flatMap((f) => f.blocks.flatMap((b) => (b.name ? [b.name] : [])))).filter((v) => v.kind === 'string').map((v) => v.text);
    for (const escape of ['\\"', '\\\\', '\\n', '\\t']) assert.ok(strings.some((s) => s.includes(escape)), `escape ${escape}`);
    // The examples are canonical (`drspec fmt --check examples/` passes), and the formatter
    // puts `;`-separated statements on lines of their own: `;` is shown in a comment, and
    // parsed and formatted in parser.test.ts and format.test.ts.
    assert.match(texts, /\/\/.*`[^`\n]*\S; \S[^`\n]*`/);
    assert.ok(statements.some(({ s }) => s.range.start.line !== s.range.end.line), 'a statement continued after a trailing comma');
  });
});

describe('docs/language.md covers the schema', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('path') as typeof import('path');
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/language.md'), 'utf8');
  it('names every block kind and key', () => {
    for (const kind of BLOCK_KINDS) {
      assert.ok(doc.includes(`### \`${kind} `), kind);
      for (const spec of SCHEMA[kind].properties) assert.ok(doc.includes(`\`${spec.key}\``), `${kind}.${spec.key}`);
    }
  });
  it('lists every diagnostic code', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RULES } = require('../../server/src/cli/rules') as typeof import('../../server/src/cli/rules');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DIAGNOSTICS } = require('../../grammar/src/diagnostic-codes') as typeof import('../../grammar/src/diagnostic-codes');
    // The review codes come with the `accept` statement (docs/diagnostics.md has them all).
    for (const rule of RULES.filter((r) => DIAGNOSTICS[r.code].category !== 'review')) {
      assert.match(doc, new RegExp(`^\\| \`${rule.code}\` \\| ${rule.severity}`, 'm'), rule.code);
    }
  });
});
