/** Items a user keeps one default of (addresses, cards): the default first, then newest first. */
export const byDefaultThenNewest = <T extends { is_default: boolean; created_at: string }>(a: T, b: T): number =>
  Number(b.is_default) - Number(a.is_default) || b.created_at.localeCompare(a.created_at);
