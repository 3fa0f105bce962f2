/**
 * A lookup table keyed by words the user typed. It has no prototype, so "constructor" or
 * "__proto__" is simply not in it, instead of finding Object's own members.
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
