/**
 * Group scanned cache keys into a tree by delimiter segments (connection -> resource -> parameters).
 * Pure (no Redis, no Node APIs): used by main's key browser and by the renderer's cache panel.
 */

export interface KeyTreeNode {
  /** the segment */
  name: string;
  /** the prefix of this node including its trailing delimiter for groups, the full key for leaves */
  path: string;
  /** keys at or under this node */
  count: number;
  /** set when this node is itself a key (a node can be both a key and a group) */
  isKey: boolean;
  children: KeyTreeNode[];
}

/**
 * Group keys by delimiter segments (connection → resource → parameters), client-side over the scanned
 * keys only. Pure: no Redis, no Node APIs (usable in the renderer too). `maxNodes` caps the work.
 */
export function buildKeyTree(
  keys: readonly string[],
  options: { delimiter?: string; maxNodes?: number } = {},
): KeyTreeNode {
  const delimiter = options.delimiter ?? ':';
  const maxNodes = options.maxNodes ?? 50_000;
  const root: KeyTreeNode = { name: '', path: '', count: 0, isKey: false, children: [] };
  const index = new Map<string, KeyTreeNode>();
  let nodes = 0;
  for (const key of keys) {
    const parts = key.split(delimiter);
    let parent = root;
    parent.count++;
    let path = '';
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const nodePath = last ? key : `${path}${parts[i]}${delimiter}`;
      const id = `${last ? 'k' : 'g'}${nodePath}`;
      let node = index.get(id);
      if (!node) {
        if (nodes >= maxNodes) break;
        node = { name: parts[i]!, path: nodePath, count: 0, isKey: last, children: [] };
        index.set(id, node);
        parent.children.push(node);
        nodes++;
      }
      node.count++;
      parent = node;
      path = nodePath;
    }
  }
  const sort = (n: KeyTreeNode) => {
    n.children.sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : Number(a.isKey) - Number(b.isKey),
    );
    for (const c of n.children) sort(c);
  };
  sort(root);
  return root;
}
