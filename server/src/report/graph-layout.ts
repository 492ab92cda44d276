// A layered layout of the dependency graph that stays readable at 50 entities: one layer
// per wave of the recovery order (dependants on top, what they depend on below), nodes
// ordered inside a layer by the barycentre of their neighbours to cut edge crossings,
// and wide layers wrapped onto several rows so the picture keeps a page's width.
export interface LayoutNode {
  id: string;
  /** Its wave: 0 for what depends on nothing (drawn at the bottom). */
  layer: number;
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
}

export const NODE = { width: 150, height: 40, gapX: 18, gapY: 26, layerGap: 56, margin: 12, perRow: 6 } as const;

/**
 * Places `nodes` (in model order); `edges` go from a dependant to a dependency. x and y
 * are each node's top-left corner.
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly { from: string; to: string }[]): GraphLayout {
  const maxLayer = nodes.reduce((m, n) => Math.max(m, n.layer), 0);
  const layers: string[][] = Array.from({ length: maxLayer + 1 }, () => []);
  for (const n of nodes) layers[n.layer].push(n.id);
  const up = new Map<string, string[]>(); // dependency → dependants
  const down = new Map<string, string[]>(); // dependant → dependencies
  for (const e of edges) {
    (down.get(e.from) ?? down.set(e.from, []).get(e.from)!).push(e.to);
    (up.get(e.to) ?? up.set(e.to, []).get(e.to)!).push(e.from);
  }

  // Barycentre sweeps: top-down (by dependants above), then bottom-up (by dependencies below).
  const position = new Map<string, number>();
  const index = (layer: string[]): void => layer.forEach((id, i) => position.set(id, i / Math.max(1, layer.length - 1)));
  layers.forEach(index);
  const sortBy = (layer: string[], neighbours: Map<string, string[]>): void => {
    const key = new Map<string, number>();
    for (const id of layer) {
      const ps = (neighbours.get(id) ?? []).map((n) => position.get(n)).filter((p): p is number => p !== undefined);
      key.set(id, ps.length > 0 ? ps.reduce((a, b) => a + b, 0) / ps.length : position.get(id)!);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)! || position.get(a)! - position.get(b)!);
    index(layer);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let l = maxLayer - 1; l >= 0; l--) sortBy(layers[l], up);
    for (let l = 1; l <= maxLayer; l++) sortBy(layers[l], down);
  }

  const widest = Math.min(NODE.perRow, Math.max(1, ...layers.map((l) => l.length)));
  const width = NODE.margin * 2 + widest * NODE.width + (widest - 1) * NODE.gapX;
  const placed = new Map<string, PlacedNode>();
  let y = NODE.margin;
  // Top to bottom: the highest layer first.
  for (let l = maxLayer; l >= 0; l--) {
    const layer = layers[l];
    for (let start = 0; start < layer.length; start += NODE.perRow) {
      const row = layer.slice(start, start + NODE.perRow);
      const rowWidth = row.length * NODE.width + (row.length - 1) * NODE.gapX;
      let x = (width - rowWidth) / 2;
      for (const id of row) {
        placed.set(id, { id, x, y });
        x += NODE.width + NODE.gapX;
      }
      y += NODE.height + NODE.gapY;
    }
    if (layer.length > 0) y += NODE.layerGap - NODE.gapY;
  }
  const height = Math.max(y - NODE.layerGap + NODE.margin, NODE.height + 2 * NODE.margin);
  return { width, height, nodes: placed };
}
