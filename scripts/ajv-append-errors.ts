// A build-time patch of ajv's standalone validator code (scripts/build.ts), kept in a file of its
// own because it guards against hostile input: without it, a project with a long list of bad
// entries makes validation quadratic.

/**
 * ajv merges the errors of a referenced definition with `vErrors.concat(...)`, copying every error
 * so far for each failing list entry: quadratic, 30 s for 40,000 bad entries. The arrays are the
 * validator's own (each call starts a fresh one), so appending in place is the same result. A loop,
 * not `push(...errors)`: a spread of more than about 120,000 errors overflows the stack.
 */
export function appendErrorsInPlace(code: string): string {
  const concat = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  const patched = code.replace(concat, 'if (vErrors === null) vErrors = $1.errors; else for (const e of $1.errors) vErrors.push(e);');
  if (patched === code) throw new Error('ajv standalone code changed shape: review scripts/ajv-append-errors.ts');
  return patched;
}
