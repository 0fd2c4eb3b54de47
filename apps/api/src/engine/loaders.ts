import DataLoader from 'dataloader';

/**
 * Small builders for per-request dataloaders: one query per batch, results handed back in the
 * order of the keys. Loaders are created per tenant fork (never shared between districts).
 */
export function loaderById<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Rows grouped by a key (kept in the query's order). */
export function loaderGrouped<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await load([...keys]);
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = grouped.get(key);
      if (list) list.push(row);
      else grouped.set(key, [row]);
    }
    return keys.map((key) => grouped.get(key) ?? []);
  });
}

/** A composite key `a|b` (both parts uuids, so `|` cannot occur in them). */
export const pairKey = (a: string, b: string) => `${a}|${b}`;
export const splitPairKey = (key: string): [string, string] => {
  const [a, b] = key.split('|');
  return [a!, b!];
};
