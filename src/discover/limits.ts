/** Bounds on what `aithreat discover` reads; docs/discover.md lists them for users. */
export const discoverLimits = {
  /** Directory entries looked at in all; the walk stops with a notice after this many. */
  maxEntries: 200_000,
  /** Directory nesting below the scanned root. */
  maxDepth: 64,
  /** Python source, dependency files and other text files larger than this are not read. */
  maxTextBytes: 10 * 1024 * 1024,
  /** Notebooks carry outputs (images); they may be larger than source files. */
  maxNotebookBytes: 50 * 1024 * 1024,
  /** Opcodes read per pickle: a longer stream is reported as cut short. */
  maxPickleOpcodes: 20_000_000,
  /** Globals listed per model file. */
  maxGlobals: 1000,
  /** Bytes of a compressed pickle (joblib, zip entries) decompressed at most. */
  maxInflatedBytes: 256 * 1024 * 1024,
  /** Entries read from a zip archive's central directory. */
  maxZipEntries: 100_000,
  /** A safetensors JSON header larger than this is refused (the format's own readers cap it at 100 MB). */
  maxSafetensorsHeader: 100 * 1024 * 1024,
  /** Bytes of an HDF5 file searched for the Keras model configuration. */
  maxHdf5ScanBytes: 64 * 1024 * 1024,
  /**
   * Bytes read from one model file in all (its header, pickle opcodes, a zip directory, a
   * compressed pickle to inflate): the shared reader stops a reader that asks for more.
   */
  maxModelReadBytes: 512 * 1024 * 1024,
  /** Metadata entries read from a GGUF header. */
  maxGgufEntries: 100_000,
  /** Wall-clock time for the whole walk, in milliseconds; what is left is reported as not read. */
  maxMilliseconds: 120_000,
} as const;
