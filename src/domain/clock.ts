// The one place the till asks what time it is. Code that decides by the date (is a voucher
// still valid, which day is "today" in the shop, when does a new voucher expire) takes the clock
// from its configuration, so a test can fix the instant: 23:59 in Paris, the night the clocks
// change, without waiting for it or faking the timers of a whole screen.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at `at` (an ISO instant or a Date): for tests, and for replaying a day. */
export function fixedClock(at: string | Date): Clock {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(at)}`);
  return () => new Date(ms);
}

/** Now, by the clock a configuration (or any context) carries; the system's when it has none. */
export function nowOf(context: { clock?: Clock } | undefined): Date {
  return (context?.clock ?? systemClock)();
}
