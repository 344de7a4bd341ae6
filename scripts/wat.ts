import wabt from 'wabt';

/** WebAssembly text → binary with wabt (SIMD and the other finished proposals enabled), validated. */
export async function compileWat(text: string, filename: string): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat(filename, text);
  try {
    module.validate();
    return module.toBinary({ log: false, canonicalize_lebs: true, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
