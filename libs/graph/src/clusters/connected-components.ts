/**
 * Connected components over nodes numbered 0..n-1 (union-find with path halving and union by
 * size): near-linear in edges, two Int32Arrays of memory.
 */
export class ConnectedComponents {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly nodeCount: number) {
    this.parent = new Int32Array(nodeCount);
    this.size = new Int32Array(nodeCount).fill(1);
    for (let i = 0; i < nodeCount; i++) this.parent[i] = i;
  }

  find(node: number): number {
    let x = node;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }

  /** Size of the component `node` is in. */
  sizeOf(node: number): number {
    return this.size[this.find(node)];
  }
}

/** Tags counted per component, most used first (ties by name), at most `top` of them. */
export function topTags(counts: Map<string, number>, top: number): { name: string; count: number }[] {
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, top);
}
