/**
 * Per-scanner memo for detectors. A scanner hands the same `locales`, `languages` and `regions`
 * arrays to every scan (one set per scanner), so a detector's tables built from them are looked up
 * by the array's identity — no key to build on every scan. With `key`, scanners whose lists are
 * equal (same joined key) share one build as well.
 */
export function memoPerList<L extends object, V>(build: (list: L) => V, key?: (list: L) => string): (list: L) => V {
  const byList = new WeakMap<L, V>();
  const byKey = new Map<string, V>();
  return (list: L): V => {
    const known = byList.get(list);
    if (known !== undefined) return known;
    let value: V | undefined;
    if (key) {
      const k = key(list);
      value = byKey.get(k);
      if (value === undefined) {
        value = build(list);
        byKey.set(k, value);
      }
    } else value = build(list);
    byList.set(list, value);
    return value;
  };
}
