import * as typescript from 'typescript';

/**
 * The TypeScript API as plain properties. Every read of `ts.isIdentifier` through the namespace
 * import goes through three getters (esbuild's export, its CommonJS copy, esModuleInterop's); a
 * flat copy avoids them. Its 2,249 names make V8 keep it as a dictionary, though, so each read is
 * a hash lookup: hot tree walks take a `tsSubset` of the few functions they call instead.
 */
export const T: typeof typescript = { ...typescript };

/**
 * The named parts of the TypeScript API as a small object with fast properties: what the data-flow
 * interpreter reads millions of times. Built by `Object.fromEntries`, which V8
 * gives a fast-mode object (stores one by one in a loop turned dictionary-mode past a few dozen
 * names; test/code/tsfast.test.ts checks it).
 */
export function tsSubset<K extends keyof typeof typescript>(...names: K[]): Pick<typeof typescript, K> {
  return Object.fromEntries(names.map((n) => [n, T[n]])) as Pick<typeof typescript, K>;
}
