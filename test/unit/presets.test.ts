// The preset table itself (docs/presets.md): every figure has a kind and a source, every
// implied statement is valid drspec, docs/presets.md is generated from the table, and the
// `preset` statement is validated against the documented ranges.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseDocument } from '../../grammar/src/parse';
import { durationSeconds, expandPreset, ParamValue, paramValues } from '../../grammar/src/presets/expand';
import { parseImplied, resolvePresets } from '../../grammar/src/presets/implied';
import { FIGURE_KINDS, FigureSpec, PRESETS, PresetSpec, presetForEngine } from '../../grammar/src/presets/index';
import { presetsMarkdown } from '../../grammar/src/presets/markdown';
import { validateFile } from '../../grammar/src/validate';
import { Diagnostic } from '../../grammar/src/ast';
import { hasCode } from '../../grammar/src/diagnostic-data';

const ALL: readonly PresetSpec[] = PRESETS;

function checkFigure(preset: PresetSpec, figure: FigureSpec | PresetSpec['params'][number]['default'], where: string): void {
  assert.ok(figure, where);
  assert.ok((FIGURE_KINDS as readonly string[]).includes(figure.kind), `${where}: kind '${figure.kind}'`);
  assert.ok(figure.source && preset.sources[figure.source], `${where}: source '${figure.source}' is not one of the preset's sources`);
  assert.ok(figure.says.length > 10, `${where}: says nothing`);
}

/** Every value a parameter can take, for expanding a preset under each. */
function sampleValues(param: PresetSpec['params'][number]): string[] {
  const v = param.value;
  switch (v.type) {
    case 'enum':
      return v.words.map((w) => w.word);
    case 'duration':
      return v.choices ? [...v.choices] : [typeof v.max === 'string' ? v.max : '30d'];
    case 'integer':
      return [String(v.min), String(v.max)];
    case 'region':
      return ['northeurope'];
  }
}

function presetDiagnostics(line: string): Diagnostic[] {
  const file = parseDocument(`datastore d {\n  ${line}\n}\n`, 'test.drspec');
  assert.deepEqual(file.syntaxErrors, []);
  return validateFile(file).diagnostics;
}

function messages(line: string): string[] {
  return presetDiagnostics(line).map((d) => `${d.code}: ${d.message}`);
}

describe('presets: the data', () => {
  it('has the nine presets of presets.md', () => {
    assert.deepEqual(
      ALL.map((p) => p.name),
      ['azure-sql-db', 'azure-postgres-flexible', 'azure-mysql-flexible', 'azure-cosmos-db', 'azure-storage', 'aws-rds', 'aws-aurora', 'aws-dynamodb', 'aws-s3'],
    );
  });

  for (const preset of ALL) {
    describe(preset.name, () => {
      it('every source has an https URL, a title and the date it was checked', () => {
        for (const [id, s] of Object.entries(preset.sources)) {
          assert.match(s.url, /^https:\/\/(learn\.microsoft\.com|docs\.aws\.amazon\.com)\//, id);
          assert.ok(s.title.length > 5, id);
          assert.match(s.checked, /^\d{4}-\d{2}-\d{2}$/, id);
        }
      });

      it('every figure, default and note has a kind and a source', () => {
        for (const [id, f] of Object.entries(preset.figures)) checkFigure(preset, f, `figure ${id}`);
        for (const [i, n] of preset.notes.entries()) checkFigure(preset, n, `note ${i}`);
        for (const p of preset.params) {
          assert.ok(preset.sources[p.source], `parameter ${p.name}: source '${p.source}'`);
          if (p.default) checkFigure(preset, p.default, `default of ${p.name}`);
          else assert.ok(p.required || p.value.type === 'region', `parameter ${p.name} has neither a default nor is it required`);
        }
      });

      it('every figure and parameter an implied statement names exists', () => {
        const names = preset.params.map((p) => p.name);
        for (const implied of preset.implies) {
          for (const part of implied.parts) {
            if (typeof part === 'string') continue;
            if ('figure' in part) assert.ok(preset.figures[part.figure], `figure ${part.figure}`);
            else assert.ok(names.includes(part.param), `parameter ${part.param}`);
          }
          for (const c of implied.when ?? []) assert.ok(names.includes(c.param), `condition on ${c.param}`);
          if (implied.copies) assert.ok(names.includes(implied.copies.param));
          if (implied.copies?.geoCopyLag) assert.ok(preset.figures[implied.copies.geoCopyLag]);
        }
      });

      it('every figure is used by an implied statement', () => {
        const used = new Set<string>();
        for (const implied of preset.implies) {
          for (const part of implied.parts) if (typeof part !== 'string' && 'figure' in part) used.add(part.figure);
          if (implied.copies?.geoCopyLag) used.add(implied.copies.geoCopyLag);
        }
        assert.deepEqual(Object.keys(preset.figures).filter((f) => !used.has(f)), []);
      });

      it('its statements under the defaults and under every parameter value are valid drspec', () => {
        const variants: Map<string, ParamValue>[] = [paramValues(preset, new Map())];
        for (const param of preset.params) {
          for (const text of sampleValues(param)) {
            const node = parseDocument(`datastore d {\n  x ${text}\n}`).blocks[0].statements[0].values[0];
            const value = param.value.type === 'duration' ? durationSeconds(text)! : param.value.type === 'integer' ? Number(text) : text;
            const given = new Map([[param.name, { node, value }]]);
            if (param.onlyWith && 'in' in param.onlyWith) {
              const node2 = parseDocument(`datastore d {\n  x ${param.onlyWith.in[0]}\n}`).blocks[0].statements[0].values[0];
              given.set(param.onlyWith.param, { node: node2, value: param.onlyWith.in[0] });
            }
            variants.push(paramValues(preset, given));
          }
        }
        for (const values of variants) {
          for (const s of expandPreset(preset, values)) assert.ok(parseImplied(s), `${preset.name}: '${s.text}' is not a valid statement`);
        }
      });

      it('its engine words lead back to it', () => {
        for (const engine of preset.engines) assert.equal(presetForEngine(engine)?.name, preset.name, engine);
      });
    });
  }

  it('no parameter name is used twice in a preset', () => {
    for (const preset of ALL) {
      const names = preset.params.map((p) => p.name);
      assert.deepEqual(names, [...new Set(names)], preset.name);
    }
  });

  it('docs/presets.md is generated from the table (npm run docs:presets)', () => {
    const doc = readFileSync(resolve(__dirname, '../../docs/presets.md'), 'utf8');
    assert.equal(doc, presetsMarkdown(), 'docs/presets.md is stale: run npm run docs:presets');
  });

  it('docs/presets.md has one section per preset with its parameters, statements and linked figures', () => {
    const doc = presetsMarkdown();
    for (const preset of ALL) {
      const start = doc.indexOf(`## \`${preset.name}\``);
      assert.ok(start >= 0, preset.name);
      const end = doc.indexOf('\n## `', start + 1);
      const section = doc.slice(start, end < 0 ? undefined : end);
      for (const p of preset.params) assert.ok(section.includes(`| \`${p.name}\` |`), `${preset.name} ${p.name}`);
      for (const f of [...Object.values(preset.figures), ...preset.notes]) {
        const s = preset.sources[f.source];
        assert.ok(section.includes(`\`${f.value}\` — ${f.kind === 'sla' ? 'SLA' : f.kind}, [`), `${preset.name}: ${f.value}`);
        assert.ok(section.includes(`(${s.url})`), `${preset.name}: ${s.url}`);
      }
    }
  });
});

describe('presets: the preset statement', () => {
  it('a known preset without parameters is valid', () => {
    assert.deepEqual(messages('preset azure-sql-db'), []);
    assert.deepEqual(messages('preset azure-sql-db retain 35d backup-storage geo-zone differential 24h redundancy zone'), []);
  });

  it('an unknown preset is invalid-value with did you mean, also from an engine word', () => {
    const [d] = presetDiagnostics('preset azure-sql');
    assert.equal(d.code, 'invalid-value');
    assert.match(d.message, /^unknown preset 'azure-sql'; did you mean 'azure-sql-db'\?/);
    assert.deepEqual(d.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 18 } });
    const [cosmos] = presetDiagnostics('preset cosmosdb');
    assert.equal(hasCode(cosmos, 'invalid-value') ? cosmos.data?.replacement : undefined, 'azure-cosmos-db');
  });

  it('an unknown parameter is invalid-value with did you mean', () => {
    const [d] = presetDiagnostics('preset azure-sql-db retian 14d');
    assert.equal(d.code, 'invalid-value');
    assert.match(d.message, /azure-sql-db has no parameter 'retian'; did you mean 'retain'\?/);
    assert.equal(d.data?.replacement, 'retain');
  });

  it('a value outside the documented range names the range and the source', () => {
    assert.deepEqual(messages('preset azure-sql-db retain 60d'), ['invalid-value: retain 60d is outside 1d–35d for azure-sql-db (automated-backups-overview)']);
    assert.deepEqual(messages('preset azure-postgres-flexible retain 3d'), ['invalid-value: retain 3d is outside 7d–35d for azure-postgres-flexible (concepts-backup-restore)']);
    assert.deepEqual(messages('preset azure-sql-db differential 6h'), ['invalid-value: differential 6h is not 12h or 24h for azure-sql-db (automated-backups-overview)']);
    assert.deepEqual(messages('preset aws-aurora replicas 16'), ['invalid-value: replicas 16 is outside 0–15 for aws-aurora (Concepts.AuroraHighAvailability)']);
    assert.deepEqual(messages('preset aws-rds retain 36d'), ['invalid-value: retain 36d is outside 0d–35d for aws-rds (USER_WorkingWithAutomatedBackups)']);
    assert.deepEqual(messages('preset aws-dynamodb pitr on retain 40d'), ['invalid-value: retain 40d is outside 1d–35d for aws-dynamodb (API_PointInTimeRecoverySpecification)']);
    assert.deepEqual(messages('preset azure-mysql-flexible snapshot 8h'), ['invalid-value: snapshot 8h is not 6h or 12h or 24h for azure-mysql-flexible (concepts-backup-restore)']);
    assert.deepEqual(messages('preset azure-cosmos-db backup-interval 30m'), ['invalid-value: backup-interval 30m is outside 1h–24h for azure-cosmos-db (periodic-backup-modify-interval-retention)']);
  });

  it('the range of a value may depend on another parameter (Cosmos DB keeps at least two intervals)', () => {
    assert.deepEqual(messages('preset azure-cosmos-db retain 6h'), [
      'invalid-value: retain 6h is outside 8h–30d (at least 2 × backup-interval) for azure-cosmos-db (periodic-backup-modify-interval-retention)',
    ]);
    assert.deepEqual(messages('preset azure-cosmos-db backup-interval 12h retain 1d'), []);
    assert.match(messages('preset azure-cosmos-db backup-interval 12h retain 20h')[0], /outside 1d–30d/);
  });

  it('an enumeration word not in the list is invalid-value with did you mean', () => {
    assert.deepEqual(messages('preset azure-sql-db backup-storage geo2'), [
      "invalid-value: backup-storage geo2 is not one of local, zone, geo, geo-zone for azure-sql-db (automated-backups-overview); did you mean 'geo'?",
    ]);
    assert.match(messages('preset azure-storage sku lrs')[0], /did you mean 'LRS'/);
  });

  it('a parameter that applies only with another value is invalid-value on its word', () => {
    const [d] = presetDiagnostics('preset azure-cosmos-db mode continuous-7d backup-interval 2h');
    assert.equal(d.code, 'invalid-value');
    assert.equal(d.message, 'backup-interval applies to azure-cosmos-db only with mode periodic, not mode continuous-7d');
    assert.match(messages('preset aws-s3 rtc on')[0], /rtc applies to aws-s3 only with replication/);
  });

  it('a missing required parameter is missing-value on the key', () => {
    const [d] = presetDiagnostics('preset azure-storage');
    assert.equal(d.code, 'missing-value');
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } });
    assert.match(d.message, /preset azure-storage needs 'sku'/);
  });

  it('a parameter without its value is missing-value; a wrong type is invalid-value', () => {
    assert.deepEqual(presetDiagnostics('preset azure-sql-db retain').map((d) => d.code), ['missing-value']);
    assert.deepEqual(presetDiagnostics('preset azure-sql-db retain geo').map((d) => d.code), ['invalid-value']);
    assert.deepEqual(presetDiagnostics('preset azure-sql-db retain 7d retain 8d').map((d) => d.code), ['invalid-value']);
    assert.deepEqual(presetDiagnostics('preset').map((d) => d.code), ['missing-value']);
  });

  it('preset is only a datastore key', () => {
    const file = parseDocument('service s {\n  preset azure-sql-db\n}\n');
    assert.deepEqual(validateFile(file).diagnostics.map((d) => d.code), ['unknown-property']);
  });
});

describe('presets: the preset statement, more cases', () => {
  it('a preset name in quotes is suggested without them', () => {
    const [d] = presetDiagnostics('preset "azure-sql-db"');
    assert.equal(d.code, 'invalid-value');
    assert.equal(d.data?.replacement, 'azure-sql-db');
  });

  it('the values of an implied statement are those of its text, placed on the preset statement', () => {
    // Each implied value is a copy of a template's node (presets/implied.ts, relocate): a
    // word's kind and value are computed by its class, and the copy must keep them.
    const text = 'datastore d {\n  preset aws-aurora\n}\n';
    const block = validateFile(parseDocument(text, 'test.drspec')).blocks[0];
    const { implied } = resolvePresets(block);
    assert.ok(implied.length > 0);
    const at = block.properties[0].statement;
    for (const property of implied) {
      const template = parseImplied(property.implied!.statement)!;
      assert.deepEqual(
        property.statement.values.map((v) => [v.kind, v.text, v.value]),
        template.statement.values.map((v) => [v.kind, v.text, v.value]),
        property.implied!.via,
      );
      assert.deepEqual(property.statement.range, at.range);
      for (const [name, arg] of property.args) assert.equal(arg.node.kind, template.args.get(name)!.node.kind, `${property.implied!.via}: ${name}`);
    }
  });
});
