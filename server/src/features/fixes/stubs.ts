// unknown-reference: create what the name refers to, as a new block at the end of the
// file. A datastore or service stub takes the region and policy of the entity that
// refers to it; a policy stub gets starting objectives; a region named as a pair is
// paired back.
import { CodeAction } from 'vscode-languageserver';
import { ReferenceKind } from '../../model/model';
import { blockAt } from '../locate';
import { FixContext, quickFix } from './context';
import { appendBlockEdit } from './insert';

/** Starting objectives of a new policy. */
export const NEW_POLICY_LINES = ['rto 4h', 'rpo 1h'];

/** Lines of the new block's body, copied from the block the reference is written in. */
function bodyLines(context: FixContext<'unknown-reference'>, kind: ReferenceKind): string[] {
  const { view, diagnostic, snapshot } = context;
  const offset = view.lines.offset(diagnostic.range.start);
  const block = blockAt(view.file, offset);
  const parsed = view.validated.blocks.find((b) => b.node === block);
  if (!parsed) return kind === 'policy' ? NEW_POLICY_LINES : [];
  const value = (key: string): string | undefined => {
    const p = parsed.properties.find((prop) => prop.spec.key === key);
    const v = p?.args.get(key === 'policy' ? 'policy' : 'region')?.value;
    return typeof v === 'string' ? v : undefined;
  };
  switch (kind) {
    case 'policy':
      return NEW_POLICY_LINES;
    case 'region':
      // `pair B` in region A: B's pair is A.
      return parsed.kind === 'region' && parsed.name && parsed.properties.some((p) => p.spec.key === 'pair') ? [`pair ${parsed.name}`] : [];
    case 'datastore':
    case 'service': {
      const lines: string[] = [];
      const region = parsed.kind === 'datastore' || parsed.kind === 'service' ? value('region') : undefined;
      if (region) lines.push(`region ${region}`);
      const policy = parsed.kind === 'datastore' || parsed.kind === 'service' ? value('policy') : undefined;
      if (policy && snapshot.model?.policies.some((p) => p.name === policy)) lines.push(`policy ${policy}`);
      return lines;
    }
  }
}

export function stubFixes(context: FixContext<'unknown-reference'>, preferFirst: boolean): CodeAction[] {
  const { name, kinds } = context.diagnostic.data;
  return kinds.map((kind, i) => {
      const body = bodyLines(context, kind);
      const lines = body.length > 0 ? [`${kind} ${name} {`, ...body.map((l) => `  ${l}`), '}'] : [`${kind} ${name} {}`];
      const edit = appendBlockEdit(context.view, lines);
      return quickFix(context, stubTitle(kind, name, body), new Map([[context.view.uri, [edit]]]), preferFirst && i === 0);
    });
}

/**
 * A datastore or service stub has no copies or strategy yet, and a policy stub's starting
 * objectives are not the user's: their titles say the new block is incomplete (it brings
 * findings of its own). At most 80 characters, like every quick fix.
 */
function stubTitle(kind: ReferenceKind, name: string, body: readonly string[]): string {
  const what = kind === 'region' ? `${kind} '${name}'` : `incomplete ${kind} '${name}'`;
  const detail = body.length > 0 ? ` (${body.join(', ')})` : '';
  for (const title of [`Create ${what}${detail} at the end of this file`, `Create ${what}${detail}`, `Create ${what}`]) {
    if (title.length <= 80) return title;
  }
  return `Create ${what}`.slice(0, 79) + '…';
}
