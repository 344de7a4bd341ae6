/** The part of the WebAssembly JavaScript API the engine's kernels use (typed locally: the main process's libs have no DOM). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export type WasmModule = object;
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule) => { readonly exports: object };
  validate(bytes: Uint8Array): boolean;
}

/** This realm's WebAssembly, or undefined where there is none. */
export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
