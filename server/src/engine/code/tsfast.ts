import * as typescript from 'typescript';

/**
 * The TypeScript API as plain properties. Every read of `ts.isIdentifier` through the namespace
 * import goes through three getters (esbuild's export, its CommonJS copy, esModuleInterop's);
 * the data-flow pass reads them millions of times, and a flat copy makes its tree walks about
 * twice as fast. Types still come from the namespace import.
 */
export const T: typeof typescript = { ...typescript };
