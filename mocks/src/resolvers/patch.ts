/** The fields a PATCH body gives (absent and `undefined` fields leave the resource as it is). */
export function givenFields<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** True when applying the patch changes nothing: the server then writes nothing and answers the current version. */
export function changesNothing(current: object, patch: object): boolean {
  const before = current as Record<string, unknown>;
  return Object.entries(patch).every(([field, value]) => JSON.stringify(before[field]) === JSON.stringify(value));
}
