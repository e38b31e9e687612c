/** One view's documented columns, with where they were checked (the column catalogs' entry type). */
export interface ViewColumns {
  source: string;
  columns: readonly string[];
}
