/**
 * Waits for a condition another connection makes true a moment later (a notification to
 * arrive, a till to catch up); fails after `timeoutMs`, saying what was awaited.
 */
export async function until(check: () => boolean | Promise<boolean>, what = 'the condition', timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} never came true in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
